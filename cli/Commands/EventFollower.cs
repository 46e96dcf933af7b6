using System.Diagnostics;

namespace Agora.Signaling.Cli.Commands;

/// <summary>Pulls events again and again until cancelled, keeping to the service's pull rate.</summary>
/// <remarks>A fixed pause between pulls is enough for one follower; a shared rate limiter is planned to replace it.</remarks>
internal static class EventFollower
{
    /// <summary>The shortest time between the starts of two pulls: at most 10 pulls a second.</summary>
    public static readonly TimeSpan MinimumPullInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Pulls until <paramref name="cancellationToken"/> is cancelled, which ends it normally.</summary>
    /// <returns>The number of pulls that completed.</returns>
    public static async Task<int> FollowAsync<TBatch>(Func<CancellationToken, Task<TBatch>> pull, Action<TBatch> show, CancellationToken cancellationToken)
    {
        int pulls = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            TBatch batch;
            try
            {
                batch = await pull(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            // Shown even when cancellation came meanwhile: the service deleted these events when it answered.
            pulls++;
            show(batch);

            if (!await WaitForNextPullAsync(started, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        return pulls;
    }

    // Timers may fire a little early and round to whole milliseconds, so the wait repeats until the interval
    // has really passed: the limit is a promise to the service, not an approximation.
    private static async Task<bool> WaitForNextPullAsync(long started, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        while ((wait = MinimumPullInterval - Stopwatch.GetElapsedTime(started)) > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return !cancellationToken.IsCancellationRequested;
    }
}
