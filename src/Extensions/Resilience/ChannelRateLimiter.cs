using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// A quota kept per channel (2.x publish: 60 a second for each channel), on System.Threading.RateLimiting's
/// <see cref="PartitionedRateLimiter{TResource}"/>: one limiter per channel, created on first use and dropped (and
/// disposed) once idle for about ten seconds. Alone, each channel has a fixed window refilled by the partitioned
/// limiter's own timer (every 100 ms of real time). With coordination (<see cref="ISignalingCoordination"/>), each
/// channel's limiter is one the fleet shares, keyed by app ID and channel; its fallback is a fixed window that refills
/// itself, since the partitioned limiter only refills the limiters it recognises as replenishing.
/// </summary>
internal sealed class ChannelRateLimiter : IDisposable
{
    /// <summary>The quota's name as the contract spells it (<c>x-signaling-rate-limit</c>).</summary>
    public const string QuotaName = "publish";

    private readonly PartitionedRateLimiter<string> _partitions;

    public ChannelRateLimiter(int perSecond, ISignalingCoordination? coordination = null, string appId = "")
    {
        // About ten windows a second, as the other quotas: small bursts. The window is a little shorter than the
        // refill timer's period so that a tick that comes early still opens the next window.
        int permitsPerWindow = Math.Max(1, (perSecond + 9) / 10);
        var window = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * permitsPerWindow / perSecond);
        _partitions = coordination is null
            ? PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.GetFixedWindowLimiter(channel, _ => Options(permitsPerWindow, window * 0.9)))
            : PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.Get(channel, key =>
                coordination.CreateLimiter(new SignalingQuota(appId, QuotaName, key, perSecond), new FixedWindowRateLimiter(Options(permitsPerWindow, window)))));
    }

    /// <summary>The quota of one channel, as a <see cref="RateLimiter"/> the rate-limit gate can wait on.</summary>
    public RateLimiter For(string channel) => new Partition(_partitions, channel);

    public void Dispose() => _partitions.Dispose();

    // AutoReplenishment is the options' default: the partitioned limiter turns it off for the fixed windows it creates
    // and refills them, while a fleet's fallback window is hidden from it and keeps its own timer.
    private static FixedWindowRateLimiterOptions Options(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    };

    private sealed class Partition(PartitionedRateLimiter<string> partitions, string channel) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => partitions.GetStatistics(channel);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => partitions.AttemptAcquire(channel, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            partitions.AcquireAsync(channel, permitCount, cancellationToken);
    }
}
