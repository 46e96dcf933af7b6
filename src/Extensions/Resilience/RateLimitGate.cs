using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// Takes a permit from a client-side quota for each attempt: at once when the window has one, otherwise by waiting,
/// cancellably and for no longer than the call's overall timeout allows.
/// </summary>
internal static class RateLimitGate
{
    /// <summary>
    /// Set to <see langword="false"/> by a limiter that answers only asynchronously (one on a shared store) when its
    /// permit came without waiting for the quota, so the round trip is not reported as a wait.
    /// </summary>
    public static readonly MetadataName<bool> Waited = new("Agora.Signaling.Waited");

    /// <summary>Takes a permit, or returns why none was given: the time ran out, the caller cancelled, or the client was disposed.</summary>
    /// <remarks>The fixed windows spend permits rather than return them, so a lease is released as soon as it is granted.</remarks>
    public static ValueTask<Exception?> TakeAsync(RateLimiter limiter, AttemptState state, TimeSpan remaining, AttemptTelemetry telemetry, TimeProvider time, CancellationToken cancellationToken)
    {
        using var lease = limiter.AttemptAcquire(1);
        return lease.IsAcquired ? default : WaitAsync(limiter, state, remaining, telemetry, time, cancellationToken);
    }

    private static async ValueTask<Exception?> WaitAsync(RateLimiter limiter, AttemptState state, TimeSpan remaining, AttemptTelemetry telemetry, TimeProvider time, CancellationToken cancellationToken)
    {
        long started = time.GetTimestamp();
        using var bound = TimeoutToken.Start(remaining, cancellationToken, time);
        bool waited;
        try
        {
            using var lease = await limiter.AcquireAsync(1, bound.Token).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                return new ObjectDisposedException(nameof(SignalingClient), "The client was disposed while the request waited for the client-side rate limit.");
            }

            waited = !lease.TryGetMetadata(Waited, out bool said) || said;
        }
        catch (OperationCanceledException exception) when (bound.TimedOut)
        {
            return state.OutOfTime(exception);
        }
        catch (OperationCanceledException exception)
        {
            return exception;
        }

        if (waited)
        {
            telemetry.RateLimited(state, time.GetElapsedTime(started));
        }

        return null;
    }
}
