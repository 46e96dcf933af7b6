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
    public static RequestKind Of(HttpRequestMessage request)
    {
        string path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (request.Method == HttpMethod.Post && (path.EndsWith("/peer_messages", StringComparison.Ordinal) || path.EndsWith("/channel_messages", StringComparison.Ordinal)))
        {
            return RequestKind.Send;
        }

        if (path.EndsWith("/user_events", StringComparison.Ordinal) || path.EndsWith("/channel_events", StringComparison.Ordinal))
        {
            return RequestKind.DestructiveRead;
        }

        return RequestKind.Read;
    }
}
