namespace Agora.Signaling;

/// <summary>
/// What the client knows about a call and its handlers need: the user it is made as (for token
/// authentication) and the attempts made so far (for error messages). Set around the call, copied into
/// the request's options by the NSwag hook, read by the handlers.
/// </summary>
internal sealed class RequestContext
{
    public static readonly HttpRequestOptionsKey<RequestContext> Key = new("Agora.Signaling.RequestContext");

    private static readonly AsyncLocal<RequestContext?> Ambient = new();

    // Most calls make one attempt, so the first needs no list.
    private SignalingAttempt? _first;
    private List<SignalingAttempt>? _more;

    private RequestContext(string operation, string? userId)
    {
        Operation = operation;
        UserId = userId;
    }

    public string Operation { get; }

    public string? UserId { get; }

    public IReadOnlyList<SignalingAttempt> Attempts
    {
        get
        {
            // The context never leaves the SDK, so locking on it cannot meet a stranger's lock.
            lock (this)
            {
                return _first is null ? [] : _more is null ? [_first] : [_first, .. _more];
            }
        }
    }

    public static Scope Begin(string operation, string? userId, out RequestContext context)
    {
        var previous = Ambient.Value;
        context = new RequestContext(operation, userId);
        Ambient.Value = context;
        return new Scope(previous);
    }

    public static void CopyTo(HttpRequestMessage request)
    {
        if (Ambient.Value is { } context)
        {
            request.Options.Set(Key, context);
        }
    }

    public static RequestContext? Of(HttpRequestMessage request) => request.Options.TryGetValue(Key, out var context) ? context : null;

    public void Record(SignalingAttempt attempt)
    {
        lock (this)
        {
            if (_first is null)
            {
                _first = attempt;
            }
            else
            {
                (_more ??= []).Add(attempt);
            }
        }
    }

    public readonly struct Scope(RequestContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
