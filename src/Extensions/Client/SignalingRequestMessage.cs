namespace Agora.Signaling;

/// <summary>A request the SDK built for one of its calls, carrying that call's <see cref="RequestContext"/> to the handlers.</summary>
internal sealed class SignalingRequestMessage(HttpMethod method, Uri uri, RequestContext? context) : HttpRequestMessage(method, uri)
{
    public RequestContext? Context { get; } = context;
}
