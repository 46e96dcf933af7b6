namespace Agora.Signaling;

/// <summary>The base address of each host family, on which the generated clients build their URLs.</summary>
internal sealed class SignalingEndpoints(Uri rest, Uri rtm2)
{
    private readonly string _rest = WithTrailingSlash(rest);
    private readonly string _rtm2 = WithTrailingSlash(rtm2);

    public static SignalingEndpoints From(SignalingClientOptions options) => new(options.Endpoint, options.HistoryEndpoint);

    /// <summary>The primary address of a host family, ending with a slash so the operation's path can follow.</summary>
    public string For(HostFamily hosts) => hosts == HostFamily.Rtm2 ? _rtm2 : _rest;

    private static string WithTrailingSlash(Uri endpoint)
    {
        string text = endpoint.AbsoluteUri;
        return text.EndsWith('/') ? text : text + "/";
    }
}
