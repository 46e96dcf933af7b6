namespace Agora.Signaling;

/// <summary>
/// What the client knows about a call and its handlers need: the user it is made as (for token
/// authentication) and the attempts made so far (for error messages). It travels on the request itself
/// (<see cref="SignalingRequestMessage"/>), so every handler finds it, on whatever thread a retry runs.
/// </summary>
/// <remarks>
/// The client hands the context to the generated code through a thread-static slot, offered only while the
/// generated method runs synchronously up to the point where <see cref="RestCall"/> builds the request. An async
/// local would do the same job but make every continuation of the call switch execution contexts, and
/// <see cref="HttpRequestMessage.Options"/> would allocate a dictionary per call.
/// </remarks>
internal sealed class RequestContext
{
    [ThreadStatic]
    private static RequestContext? t_offered;

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

    /// <summary>Gets the context offered to a request being built on this thread, if any.</summary>
    public static RequestContext? Offered => t_offered;

    /// <summary>Starts a call's context.</summary>
    public static RequestContext Create(string operation, string? userId) => new(operation, userId);

    /// <summary>Offers a context to the request built on this thread until the returned scope is disposed, which must happen on this thread, before any await.</summary>
    public static Offer OfferTo(RequestContext context)
    {
        var previous = t_offered;
        t_offered = context;
        return new Offer(previous);
    }

    public static RequestContext? Of(HttpRequestMessage request) => (request as SignalingRequestMessage)?.Context;

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

    public readonly struct Offer(RequestContext? previous) : IDisposable
    {
        public void Dispose() => t_offered = previous;
    }
}
