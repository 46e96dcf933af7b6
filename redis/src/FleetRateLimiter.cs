using System.Threading.RateLimiting;
using RedisRateLimiting;

namespace Agora.Signaling.Redis;

/// <summary>
/// One quota shared by every instance of a fleet: permits come from a one-second sliding window in Redis
/// (RedisRateLimiting), so no second holds more than the quota's rate. A window of a second, rather than the tenth of
/// one the instance's own limiter uses, is what lets a fleet use its quota: a permit is handed out again only a window
/// after it was, and the time an instance takes to notice it is free (a pause, a round trip to Redis, a busy machine)
/// is lost from every window; a tenth of a second lost most of a busy machine's quota. The instance's callers wait
/// in line and the first few of them ask Redis: a few asks in flight hide the round trip (one at a time capped a busy
/// instance near 100 permits a second), and a few more would only add asks that find the window full. An ask that
/// finds the window full pauses a permit's interval (a second divided by the quota's rate) for each ask in flight
/// before asking again, so that together they ask about once for each permit the window frees rather than each as
/// often. When Redis does not answer within the command timeout, permits come from the instance's own limiter until
/// it answers again (<see cref="RedisHealth"/>); this limiter owns that one and disposes it. It reports its own
/// idleness, not the instance's limiter's (which sits idle while Redis grants the permits), so that a per-channel
/// limiter drops a channel only when no one has asked for it in a while.
/// </summary>
internal sealed class FleetRateLimiter : RateLimiter
{
    private readonly RedisCoordination _coordination;
    private readonly SignalingQuota _quota;
    private readonly RateLimiter _local;
    private readonly string _key;
    private readonly TimeSpan _interval;
    private const int AsksInFlight = 4;

    private readonly SemaphoreSlim _line = new(AsksInFlight, AsksInFlight);
    private RedisSlidingWindowRateLimiter<string>? _remote;

    // Acquires not yet returned, and when the last one began or ended (on the coordination's clock).
    private int _inFlight;
    private long _lastUsed;

    public FleetRateLimiter(RedisCoordination coordination, SignalingQuota quota, RateLimiter local)
    {
        _coordination = coordination;
        _quota = quota;
        _local = local;
        _key = coordination.Key(quota.AppId, "quota", quota.Partition is null ? quota.Name : quota.Name + ":" + quota.Partition);

        // At the full rate a permit frees up every 1/rate seconds; asking sooner only finds the window still full.
        _interval = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, TimeSpan.TicksPerSecond / quota.PermitsPerSecond));
        _lastUsed = coordination.Time.GetTimestamp();
    }

    /// <inheritdoc />
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref _inFlight) > 0 ? null : _coordination.Time.GetElapsedTime(Volatile.Read(ref _lastUsed));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        // Redis is not asked synchronously: the caller goes on to AcquireAsync, which does.
        Volatile.Write(ref _lastUsed, _coordination.Time.GetTimestamp());
        return _coordination.Health.UseLocal ? Local(_local.AttemptAcquire(permitCount)) : Lease.NotYet;
    }

    /// <inheritdoc />
    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            return await AcquireCoreAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _lastUsed, _coordination.Time.GetTimestamp());
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async ValueTask<RateLimitLease> AcquireCoreAsync(int permitCount, CancellationToken cancellationToken)
    {
        bool waited = false;
        if (!_line.Wait(0, CancellationToken.None))
        {
            waited = true;
            await _line.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            while (_coordination.Health.ShouldTry())
            {
                bool granted;
                try
                {
                    granted = await AskRedisAsync(permitCount, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
                {
                    _coordination.Health.Failed(exception);
                    break;
                }

                _coordination.Health.Answered();
                if (granted)
                {
                    return waited ? Lease.AfterWaiting : Lease.AtOnce;
                }

                waited = true;
                await Task.Delay(Pause(), _coordination.Time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _line.Release();
        }

        return Local(await _local.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _remote?.Dispose();
            _local.Dispose();
            _line.Dispose();
        }

        base.Dispose(disposing);
    }

    // The asks in flight take turns: each waits out one permit's interval for every one of them (itself included),
    // so the instance asks a full window about once per interval however many callers wait. A permit freed meanwhile
    // waits at most that long; the fleet's other instances, asking on their own turns, often take it sooner.
    private TimeSpan Pause() => _interval * Math.Max(1, AsksInFlight - _line.CurrentCount);

    private async Task<bool> AskRedisAsync(int permitCount, CancellationToken cancellationToken)
    {
        // The first request also loads the script into Redis: it is allowed as long as the connection itself.
        var timeout = _remote is null ? _coordination.Options.ConnectTimeout : _coordination.Options.CommandTimeout;
        var remote = _remote;
        if (remote is null)
        {
            var connection = await _coordination.ConnectAsync(cancellationToken).ConfigureAwait(false);
            remote = new RedisSlidingWindowRateLimiter<string>(_key, new RedisSlidingWindowRateLimiterOptions
            {
                PermitLimit = _quota.PermitsPerSecond,
                Window = TimeSpan.FromSeconds(1),
                ConnectionMultiplexerFactory = () => connection,
            });

            // Several first asks can race here; one limiter is kept.
            if (Interlocked.CompareExchange(ref _remote, remote, null) is { } kept)
            {
                remote.Dispose();
                remote = kept;
            }
        }

        // The library's own wait for Redis follows the multiplexer's timeouts; the coordination bounds it tighter.
        var asking = remote.AcquireAsync(permitCount, cancellationToken).AsTask();
        using var lease = await asking.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired;
    }

    private RateLimitLease Local(RateLimitLease lease)
    {
        if (lease.IsAcquired)
        {
            RedisHealth.CountLocalPermit(_quota.Name);
        }

        return lease;
    }

    /// <summary>A permit from Redis, spent as soon as granted like the core's fixed windows, or none yet.</summary>
    private sealed class Lease(bool acquired, bool waited) : RateLimitLease
    {
        public static readonly Lease NotYet = new(false, false);
        public static readonly Lease AtOnce = new(true, false);
        public static readonly Lease AfterWaiting = new(true, true);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [RateLimitGate.Waited.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = waited;
            return metadataName == RateLimitGate.Waited.Name;
        }
    }
}
