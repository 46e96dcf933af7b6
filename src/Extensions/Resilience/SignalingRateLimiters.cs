using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// The three per-app-ID quotas as token buckets: messages, event pulls and history. A timer on the client's
/// <see cref="TimeProvider"/> decides when a bucket is refilled (System.Threading.RateLimiting sizes each refill
/// by the real time elapsed), so with a fake clock nothing is refilled until the test moves it.
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
    }

    public RateLimiter? Messages { get; }

    public RateLimiter? EventPulls { get; }

    public RateLimiter? History { get; }

    public RateLimiter? For(RequestKind kind) => kind switch
    {
        RequestKind.Send => Messages,
        RequestKind.DestructiveRead => EventPulls,
        _ => History,
    };

    public void Dispose()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }

        Messages?.Dispose();
        EventPulls?.Dispose();
        History?.Dispose();
    }

    private TokenBucketRateLimiter Create(int perSecond, TimeProvider time)
    {
        // Refill about ten times a second: smooth enough, and no timer firing every few milliseconds.
        int tokensPerPeriod = Math.Max(1, (perSecond + 9) / 10);
        var period = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * tokensPerPeriod / perSecond);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _timers.Add(time.CreateTimer(static state => ((TokenBucketRateLimiter)state!).TryReplenish(), limiter, period, period));
        return limiter;
    }
}
