using Polly;

namespace Agora.Signaling;

/// <summary>One call's progress through its attempts: its budget, hosts, and what the service may have seen so far.</summary>
internal sealed class AttemptState(HttpRequestMessage request, RequestContext context, HostRotation rotation, CallBudget budget, CancellationToken callerToken)
{
    public HttpRequestMessage Request { get; } = request;

    public RequestContext Context { get; } = context;

    public RequestKind Kind => Context.Operation.Kind;

    public string Operation => Context.Operation.Name;

    public string Method => Context.Operation.Method.Method;

    public string PathTemplate => Context.Operation.PathTemplate;

    public CallBudget Budget { get; } = budget;

    public CancellationToken CallerToken { get; } = callerToken;

    public HostRotation Rotation { get; } = rotation;

    /// <summary>Gets the hosts in the order this call tries them, as of the call's start (no clock read of its own).</summary>
    public Uri[] Plan { get; } = rotation.Plan(budget.Started);

    /// <summary>Gets or sets a value indicating whether an attempt so far may have been processed: it was sent and not refused with 429.</summary>
    public bool MayHaveBeenProcessed { get => Context.MayHaveBeenProcessed; set => Context.MayHaveBeenProcessed = value; }

    /// <summary>Gets a value indicating whether the overall timeout has run out, so no attempt may start.</summary>
    public bool IsOutOfTime { get; private set; }

    /// <summary>Gets or sets the first attempt's outcome, which the retry pipeline is handed instead of making that attempt again.</summary>
    public Outcome<HttpResponseMessage>? Replay { get; set; }

    /// <summary>Gets the number of attempts started.</summary>
    public int Attempt { get; private set; }

    /// <summary>Gets the host of the attempt before the current one, if any: a different one means the call failed over.</summary>
    public Uri? PreviousHost { get; private set; }

    private Uri? CurrentHost { get; set; }

    /// <summary>Gets the host the request's URL is on: the generated clients build it on the primary.</summary>
    private Uri UrlHost { get; set; } = rotation.Primary;

    /// <summary>Starts the next attempt on the host Agora's failover order gives it, moving the URL there.</summary>
    public Uri NextHost()
    {
        var host = HostRotation.ForAttempt(Plan, Attempt++);
        PreviousHost = CurrentHost;
        CurrentHost = host;

        // Rewriting a URL builds its text; the first attempt is already on the primary host.
        if (!ReferenceEquals(host, UrlHost))
        {
            Request.RequestUri = Rotation.Rebase(Request.RequestUri!, host);
            UrlHost = host;
        }

        return host;
    }

    /// <summary>Marks the call out of time and returns its error.</summary>
    public Exception OutOfTime(Exception? inner = null)
    {
        IsOutOfTime = true;
        return Budget.Exceeded(Operation, MayHaveBeenProcessed, Context.Attempts, inner);
    }
}
