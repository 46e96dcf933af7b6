using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// A quota kept per channel (2.x publish: 60 a second for each channel), on System.Threading.RateLimiting's
/// <see cref="PartitionedRateLimiter{TResource}"/>: one fixed window per channel, created on first use and dropped once
/// idle, refilled by the partitioned limiter's own timer (every 100 ms of real time).
/// </summary>
internal sealed class ChannelRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _partitions;

    public ChannelRateLimiter(int perSecond)
    {
        // About ten windows a second, as the other quotas: small bursts. The window is a little shorter than the
        // refill timer's period so that a tick that comes early still opens the next window.
        int permitsPerWindow = Math.Max(1, (perSecond + 9) / 10);
        var window = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * permitsPerWindow / perSecond) * 0.9;
        _partitions = PartitionedRateLimiter.Create<string, string>(channel => RateLimitPartition.GetFixedWindowLimiter(channel, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerWindow,
            Window = window,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    /// <summary>The quota of one channel, as a <see cref="RateLimiter"/> the rate-limit gate can wait on.</summary>
    public RateLimiter For(string channel) => new Partition(_partitions, channel);

    public void Dispose() => _partitions.Dispose();

    private sealed class Partition(PartitionedRateLimiter<string> partitions, string channel) : RateLimiter
    {
        public override TimeSpan? IdleDuration => null;

        public override RateLimiterStatistics? GetStatistics() => partitions.GetStatistics(channel);

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => partitions.AttemptAcquire(channel, permitCount);

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            partitions.AcquireAsync(channel, permitCount, cancellationToken);
    }
}
