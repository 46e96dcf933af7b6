namespace Agora.Signaling;

/// <summary>
/// What the client knows about a call and its handlers need: the user it is made as (for token
/// authentication) and the attempts made so far (for error messages). Set around the call in an async local,
/// tied to the call's request by the NSwag hook, and read by the handlers, which run in the same async flow.
/// </summary>
/// <remarks>
/// The request is matched by reference rather than stored in <see cref="HttpRequestMessage.Options"/>, whose
/// dictionary would be allocated on every call; a request the SDK did not build never matches.
/// </remarks>
internal sealed class RequestContext
{
    private static readonly AsyncLocal<RequestContext?> Ambient = new();

    // Most calls make one attempt, so the first needs no list.
    private SignalingAttempt? _first;
    private List<SignalingAttempt>? _more;
    private HttpRequestMessage? _request;

    private RequestContext(string operation, string? userId)
    {
        Operation = operation;
        UserId = userId;
    }

    public string Operation { get; }

    public string? UserId { get; }

    /// <summary>Gets the request ID header of the last answer, for errors found in a body that carries none.</summary>
    public string? AnsweredRequestId { get; private set; }

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

    public static void Attach(HttpRequestMessage request)
    {
        if (Ambient.Value is { } context)
        {
            context._request = request;
        }
    }

    public static RequestContext? Of(HttpRequestMessage request) =>
        Ambient.Value is { } context && ReferenceEquals(context._request, request) ? context : null;

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

    public void Answered(SignalingAttempt attempt, string? requestId)
    {
        lock (this)
        {
            Record(attempt);
            AnsweredRequestId = requestId;
        }
    }

    public readonly struct Scope(RequestContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
