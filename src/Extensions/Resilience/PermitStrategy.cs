using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// Holds each attempt until the client-side rate limit gives it a permit. Polly's rate-limiter strategy awaits
/// every attempt, which allocates on every request; this one takes a free permit synchronously and only goes
/// asynchronous when it has to wait.
/// </summary>
/// <remarks>
/// The limiters are fixed windows, whose permits are spent rather than returned, so a lease is released as soon
/// as it is granted.
/// </remarks>
internal sealed class PermitStrategy(RateLimiter limiter, TimeProvider time, ILogger logger) : ResilienceStrategy
{
    protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        using (var lease = limiter.AttemptAcquire(1))
        {
            if (lease.IsAcquired)
            {
                return callback(context, state);
            }
        }

        return WaitThenExecuteAsync(callback, context, state);
    }

    private async ValueTask<Outcome<TResult>> WaitThenExecuteAsync<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        long started = time.GetTimestamp();
        try
        {
            using var lease = await limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            if (!lease.IsAcquired)
            {
                return Outcome.FromException<TResult>(new RateLimiterRejectedException("The client-side rate limit refused the request."));
            }
        }
        catch (OperationCanceledException exception)
        {
            return Outcome.FromException<TResult>(exception);
        }

        var waited = time.GetElapsedTime(started);
        string operation = context.Properties.GetValue(SignalingPipeline.StateKey, null!)?.Operation ?? "(unknown)";
        SignalingLog.RateLimited(logger, operation, waited.TotalMilliseconds);
        SignalingTelemetry.RateLimitWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("agora.signaling.operation", operation));
        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }

    /// <summary>The options Polly asks for when a strategy is added; this strategy has none of its own.</summary>
    internal sealed class Options : ResilienceStrategyOptions
    {
    }
}
