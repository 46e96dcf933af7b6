using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// The per-app-ID quotas as fixed windows of about a tenth of a second: messages, event pulls, history and the global
/// cap on all requests; and the per-channel quota of 2.x publishes (<see cref="ChannelRateLimiter"/>).
/// Short windows keep bursts small (a token bucket would let a full second's quota out at once, and another
/// right after). A timer on the client's <see cref="TimeProvider"/> opens each window; System.Threading.RateLimiting
/// also ignores an opening less than a window of real time after the previous one, so a fake clock can only slow it.
/// </summary>
internal sealed class SignalingRateLimiters : IDisposable
{
    private readonly List<ITimer> _timers = [];

    public SignalingRateLimiters(SignalingRateLimitOptions options, TimeProvider time)
    {
        if (!options.Enabled)
        {
            return;
        }

        Messages = Create(options.MessagesPerSecond, time);
        EventPulls = Create(options.EventPullsPerSecond, time);
        History = Create(options.HistoryRequestsPerSecond, time);
        Publishes = new ChannelRateLimiter(options.PublishesPerChannelPerSecond);
        AllRequests = Create(options.RequestsPerSecond, time);
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

    private FixedWindowRateLimiter Create(int perSecond, TimeProvider time)
    {
        // About ten windows a second: small bursts, and no timer firing every few milliseconds.
        int permitsPerWindow = Math.Max(1, (perSecond + 9) / 10);
        var window = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * permitsPerWindow / perSecond);
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
        _timers.Add(time.CreateTimer(static state => ((FixedWindowRateLimiter)state!).TryReplenish(), limiter, window, window));
        return limiter;
    }
}
