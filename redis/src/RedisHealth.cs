using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Agora.Signaling.Redis;

/// <summary>
/// Whether Redis answers, shared by every limiter of a registration: after a failure every permit comes from the
/// instance's own limits, one caller tries Redis again each retry interval, and the first answer ends the outage.
/// An outage is logged once when it starts and once when it ends, and counted.
/// </summary>
internal sealed class RedisHealth(ILogger logger, TimeSpan retryInterval, TimeProvider time)
{
    private static readonly Counter<long> Outages = SignalingTelemetry.Meter.CreateCounter<long>(
        "agora.signaling.coordination.outages", "{outage}", "Times the shared store stopped answering and the instance fell back on its own limits.");

    private static readonly Counter<long> LocalPermits = SignalingTelemetry.Meter.CreateCounter<long>(
        "agora.signaling.coordination.local_permits", "{permit}", "Permits taken from the instance's own limits while the shared store did not answer.");

    private readonly long _retryTicks = (long)(retryInterval.TotalSeconds * time.TimestampFrequency);

    // 0 while Redis answers; otherwise when the outage began, and when Redis is next tried.
    private long _outageStarted;
    private long _nextTry;

    public bool InOutage => Volatile.Read(ref _outageStarted) != 0;

    /// <summary>Whether permits come from the instance's own limits for now: during an outage, until Redis is due to be tried again.</summary>
    public bool UseLocal => InOutage && time.GetTimestamp() < Volatile.Read(ref _nextTry);

    /// <summary>Whether this caller should ask Redis: always while it answers, and once per retry interval while it does not.</summary>
    public bool ShouldTry()
    {
        if (!InOutage)
        {
            return true;
        }

        long next = Volatile.Read(ref _nextTry);
        long now = time.GetTimestamp();
        return now >= next && Interlocked.CompareExchange(ref _nextTry, now + _retryTicks, next) == next;
    }

    public void Failed(Exception exception)
    {
        long now = Math.Max(1, time.GetTimestamp());
        Volatile.Write(ref _nextTry, now + _retryTicks);
        if (Interlocked.CompareExchange(ref _outageStarted, now, 0) == 0)
        {
            Outages.Add(1);
            RedisCoordinationLog.RedisLost(logger, RedisCoordinationLog.Failure(exception), retryInterval.TotalMilliseconds);
        }
        else
        {
            RedisCoordinationLog.RedisStillLost(logger, RedisCoordinationLog.Failure(exception));
        }
    }

    public void Answered()
    {
        if (!InOutage)
        {
            return;
        }

        long started = Interlocked.Exchange(ref _outageStarted, 0);
        if (started != 0)
        {
            RedisCoordinationLog.RedisResumed(logger, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public static void CountLocalPermit(string quota) => LocalPermits.Add(1, new KeyValuePair<string, object?>("agora.signaling.quota", quota));
}
