using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// The per-app-ID quotas as fixed windows of about a tenth of a second: messages, event pulls, history and the global
/// cap on all requests; and the per-channel quota of 2.x publishes (<see cref="ChannelRateLimiter"/>).
/// Short windows keep bursts small (a token bucket would let a full second's quota out at once, and another
/// right after). A timer on the client's <see cref="TimeProvider"/> opens each window; System.Threading.RateLimiting
/// also ignores an opening less than a window of real time after the previous one, so a fake clock can only slow it.
/// With coordination (<see cref="ISignalingCoordination"/>), each quota, and each channel's publish quota, is wrapped in a
/// limiter the fleet shares, which falls back on this instance's own when the shared store does not answer.
/// </summary>
internal sealed class SignalingRateLimiters : IDisposable
{
    private readonly List<ITimer> _timers = [];

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

        Messages = Create("messages", options.MessagesPerSecond);
        EventPulls = Create("event-pulls", options.EventPullsPerSecond);
        History = Create("history", options.HistoryRequestsPerSecond);
        Publishes = new ChannelRateLimiter(options.PublishesPerChannelPerSecond, time, coordination, appId);
        AllRequests = Create("requests", options.RequestsPerSecond);
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
    }

    /// <summary>The limiter of one per-app quota.</summary>
    /// <param name="name">The quota's name as the contract spells it, such as <c>messages</c>.</param>
    /// <param name="perSecond">The rate.</param>
    /// <returns>This instance's limiter, or the fleet's when coordinated (which owns this instance's); disposed with this object.</returns>
    private RateLimiter Create(string name, int perSecond)
    {
        var quota = new SignalingQuota(_appId, name, null, perSecond);
        var local = CreateLocal(quota);
        return _coordination is null ? local : _coordination.CreateLimiter(quota, local);
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
