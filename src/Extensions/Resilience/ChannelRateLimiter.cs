using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// A quota kept per channel (2.x publish: 60 a second for each channel), on System.Threading.RateLimiting's
/// <see cref="PartitionedRateLimiter{TResource}"/>: one limiter per channel, created on first use and dropped (and
/// disposed) once idle for about ten seconds. Each channel has a fixed window of about a tenth of a second, opened by
/// one timer on the client's <see cref="TimeProvider"/> for every live channel, as the per-app quotas are (the
/// partitioned limiter's own refill runs on the real clock, so each window is hidden from it). With coordination
/// (<see cref="ISignalingCoordination"/>), each channel's limiter is one the fleet shares, keyed by app ID and channel,
/// falling back on that channel's window.
/// </summary>
internal sealed class ChannelRateLimiter : IDisposable
{
    /// <summary>The quota's name as the contract spells it (<c>x-signaling-rate-limit</c>).</summary>
    public const string QuotaName = "publish";

    private readonly PartitionedRateLimiter<string> _partitions;
    private readonly ConcurrentDictionary<ChannelWindow, byte> _windows = new();
    private readonly ITimer _refill;

    public ChannelRateLimiter(int perSecond, TimeProvider? time = null, ISignalingCoordination? coordination = null, string appId = "")
    {
        var quota = new SignalingQuota(appId, QuotaName, null, perSecond);
        var (permitsPerWindow, window) = quota.Windows();
        _partitions = coordination is null
            ? PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.Get(channel, _ => Open(permitsPerWindow, window)))
            : PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.Get(channel, key =>
                coordination.CreateLimiter(quota with { Partition = key }, Open(permitsPerWindow, window))));
        _refill = (time ?? TimeProvider.System).CreateTimer(static state => ((ChannelRateLimiter)state!).Refill(), this, window, window);
    }

    /// <summary>The quota of one channel, as a <see cref="RateLimiter"/> the rate-limit gate can wait on.</summary>
    public RateLimiter For(string channel) => new Partition(_partitions, channel);

    public void Dispose()
    {
        _refill.Dispose();
        _partitions.Dispose();
    }

    private ChannelWindow Open(int permits, TimeSpan window)
    {
        var opened = new ChannelWindow(this, new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,

            // Shorter than the timer's period, so that a tick that comes a little early still opens the next window
            // (the limiter ignores a refill less than its window of real time after the last one).
            Window = window * 0.9,
            AutoReplenishment = false,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        _windows.TryAdd(opened, 0);
        return opened;
    }

    private void Refill()
    {
        foreach (var window in _windows.Keys)
        {
            window.Limiter.TryReplenish();
        }
    }

    /// <summary>One channel's window; not a <see cref="ReplenishingRateLimiter"/>, so only this class's timer refills it.</summary>
    private sealed class ChannelWindow(ChannelRateLimiter owner, FixedWindowRateLimiter limiter) : RateLimiter
    {
        public FixedWindowRateLimiter Limiter => limiter;

        public override TimeSpan? IdleDuration => limiter.IdleDuration;

        public override RateLimiterStatistics? GetStatistics() => limiter.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => limiter.AttemptAcquire(permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            limiter.AcquireAsync(permitCount, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                owner._windows.TryRemove(this, out _);
                limiter.Dispose();
            }

            base.Dispose(disposing);
        }

        protected override async ValueTask DisposeAsyncCore()
        {
            owner._windows.TryRemove(this, out _);
            await limiter.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class Partition(PartitionedRateLimiter<string> partitions, string channel) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => partitions.GetStatistics(channel);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => partitions.AttemptAcquire(channel, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            partitions.AcquireAsync(channel, permitCount, cancellationToken);
    }
}
