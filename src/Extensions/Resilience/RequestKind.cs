namespace Agora.Signaling;

/// <summary>What a retry may assume about a request, read from its method and path.</summary>
internal enum RequestKind
{
    /// <summary>A peer or channel message: no idempotency key, so a resend may deliver it twice.</summary>
    Send,

    /// <summary>An event pull: the service deletes what it returns, so a lost response loses events.</summary>
    DestructiveRead,

    /// <summary>A history read or legacy query: safe to repeat.</summary>
    Read,
}

internal static class RequestKinds
{
    /// <summary>Classifies a request by its method and path, and tells whether it goes to the history API's host.</summary>
    public static (RequestKind Kind, bool History) Of(HttpMethod method, string path)
    {
        if (method == HttpMethod.Post && (path.EndsWith("/peer_messages", StringComparison.Ordinal) || path.EndsWith("/channel_messages", StringComparison.Ordinal)))
        {
            return (RequestKind.Send, false);
        }

        if (path.EndsWith("/user_events", StringComparison.Ordinal) || path.EndsWith("/channel_events", StringComparison.Ordinal))
        {
            return (RequestKind.DestructiveRead, false);
        }

        return (RequestKind.Read, path.Contains("/rtm/v2/history/", StringComparison.Ordinal));
    }

    /// <summary>Classifies one of the SDK's own operations, without parsing the URL.</summary>
    public static (RequestKind Kind, bool History) Of(string operation) => operation switch
    {
        "SendPeerMessage" or "SendChannelMessage" => (RequestKind.Send, false),
        "GetUserEvents" or "GetChannelEvents" => (RequestKind.DestructiveRead, false),
        "GetMessageHistory" => (RequestKind.Read, true),
        _ => (RequestKind.Read, false),
    };
}
