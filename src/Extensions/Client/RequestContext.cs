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

    private readonly List<SignalingAttempt> _attempts = [];

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
            lock (_attempts)
            {
                return _attempts.ToArray();
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
        lock (_attempts)
        {
            _attempts.Add(attempt);
        }
    }

    public void Answered(SignalingAttempt attempt, string? requestId)
    {
        lock (_attempts)
        {
            _attempts.Add(attempt);
            AnsweredRequestId = requestId;
        }
    }

    public readonly struct Scope(RequestContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
