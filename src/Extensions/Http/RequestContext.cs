namespace Agora.Signaling;

/// <summary>
/// What the client knows about a call and its handlers need: the operation (from the contract), the user the
/// call is made as (for token authentication) and the attempts made so far (for error messages). The client
/// creates it, passes it to the generated method, which puts it on the request it builds
/// (<see cref="SignalingRequestMessage"/>), so every handler finds it on whatever thread a retry runs.
/// </summary>
internal sealed class RequestContext
{
    // Most calls make one attempt, so the first needs no list.
    private SignalingAttempt? _first;
    private List<SignalingAttempt>? _more;

    private RequestContext(SignalingOperation operation, string? userId, SecretMask secrets, string? rateLimitKey)
    {
        Operation = operation;
        UserId = userId;
        Secrets = secrets;
        RateLimitKey = rateLimitKey;
    }

    public SignalingOperation Operation { get; }

    public string? UserId { get; }

    /// <summary>Gets what is masked out of the service's text before it reaches an exception or a log.</summary>
    public SecretMask Secrets { get; }

    /// <summary>
    /// Gets or sets a value indicating whether an attempt so far may have been processed: it was handed to the transport
    /// and not refused with 429 or before connecting. The resilience handler keeps it; the client reads it after a failure.
    /// </summary>
    public bool MayHaveBeenProcessed { get; set; }

    /// <summary>Gets the partition of a keyed quota this call counts against (the channel of a publish), or <see langword="null"/>.</summary>
    public string? RateLimitKey { get; }

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

    /// <summary>Starts a call's context.</summary>
    public static RequestContext Create(SignalingOperation operation, string? userId, SecretMask secrets, string? rateLimitKey = null) => new(operation, userId, secrets, rateLimitKey);

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
}
