using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// The per-app-ID quotas as fixed windows of about a tenth of a second: messages, event pulls, history and the global
/// cap on all requests; and the per-channel quota of 2.x publishes (<see cref="ChannelRateLimiter"/>).
/// Short windows keep bursts small (a token bucket would let a full second's quota out at once, and another
/// right after). A timer on the client's <see cref="TimeProvider"/> opens each window; System.Threading.RateLimiting
/// also ignores an opening less than a window of real time after the previous one, so a fake clock can only slow it.
/// With coordination (<see cref="ISignalingCoordination"/>), each per-app quota is wrapped in a limiter the fleet shares (the
/// per-channel publish quota stays this instance's for now), which falls
/// back on it when the shared store does not answer.
/// </summary>
internal sealed class SignalingRateLimiters : IDisposable
{
    private readonly List<ITimer> _timers = [];

    private readonly List<RateLimiter> _locals = [];
    private readonly ISignalingCoordination? _coordination;
    private readonly string _appId;
    private readonly TimeProvider _time;

    public SignalingRateLimiters(SignalingRateLimitOptions options, TimeProvider time, ISignalingCoordination? coordination = null, string appId = "")
    {
        _coordination = coordination;
        _appId = appId;
        _time = time;
        if (!options.Enabled)
        {
            return;
        }

        Messages = Create("messages", null, options.MessagesPerSecond);
        EventPulls = Create("event-pulls", null, options.EventPullsPerSecond);
        History = Create("history", null, options.HistoryRequestsPerSecond);
        Publishes = new ChannelRateLimiter(options.PublishesPerChannelPerSecond);
        AllRequests = Create("requests", null, options.RequestsPerSecond);
    }

    public RateLimiter? Messages { get; }

    public RateLimiter? EventPulls { get; }

    public RateLimiter? History { get; }

    /// <summary>Gets the 2.x publishes' quota, kept per channel.</summary>
    public ChannelRateLimiter? Publishes { get; }

    /// <summary>Gets Agora's global cap per app ID, which every request counts against besides its own quota.</summary>
    public RateLimiter? AllRequests { get; }

    public RateLimiter? For(RateLimitBucket bucket) => bucket switch
    {
        RateLimitBucket.Messages => Messages,
        RateLimitBucket.EventPulls => EventPulls,
        _ => History,
    };

    /// <summary>The quota a call waits for: its operation's, or for a keyed one (publish), its channel's.</summary>
    public RateLimiter? For(RequestContext context) =>
        context.Operation.RateLimit == RateLimitBucket.Publish
            ? Publishes?.For(context.RateLimitKey ?? string.Empty)
            : For(context.Operation.RateLimit);

    public void Dispose()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        Messages?.Dispose();
        EventPulls?.Dispose();
        History?.Dispose();
        Publishes?.Dispose();
        AllRequests?.Dispose();
        foreach (var local in _locals)
        {
            local.Dispose();
        }
    }

    /// <summary>
    /// The limiter of one quota, or of one partition of it (such as a channel); a keyed bucket calls this once per key.
    /// </summary>
    /// <param name="name">The quota's name as the contract spells it, such as <c>messages</c>.</param>
    /// <param name="partition">The key within the quota, or <see langword="null"/> for the whole app.</param>
    /// <param name="perSecond">The rate.</param>
    /// <returns>This instance's limiter, or the fleet's when coordinated; disposed with this object.</returns>
    public RateLimiter Create(string name, string? partition, int perSecond)
    {
        var quota = new SignalingQuota(_appId, name, partition, perSecond);
        var local = CreateLocal(quota);
        if (_coordination is null)
        {
            return local;
        }

        _locals.Add(local);
        return _coordination.CreateLimiter(quota, local);
    }

    private FixedWindowRateLimiter CreateLocal(SignalingQuota quota)
    {
        // About ten windows a second: small bursts, and no timer firing every few milliseconds.
        var (permitsPerWindow, window) = quota.Windows();
        var limiter = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerWindow,

            // The limiter ignores a refill that comes less than its window (of real time) after the last one, and a
            // timer fires a little early now and then: each early tick lost a whole window, and 500/s became about
            // 300/s. With the limiter's window shorter than the timer's period, the timer alone sets the pace.
            Window = window * 0.9,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timers.Add(_time.CreateTimer(static state => ((FixedWindowRateLimiter)state!).TryReplenish(), limiter, window, window));
        return limiter;
    }
}
