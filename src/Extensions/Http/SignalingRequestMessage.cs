namespace Agora.Signaling;

/// <summary>A request the SDK built for one of its calls, carrying that call's <see cref="RequestContext"/> to the handlers.</summary>
internal sealed class SignalingRequestMessage(Uri uri, RequestContext context) : HttpRequestMessage(context.Operation.Method, uri)
{
    public RequestContext Context { get; } = context;
}
