using System.Net.Http.Headers;
using Polly;
using Polly.Retry;

namespace Agora.Signaling;

/// <summary>How long to wait before a retry: exponential with jitter (Polly), unless the service says <c>Retry-After</c>.</summary>
internal static class Backoff
{
    public static RetryStrategyOptions<HttpResponseMessage> Options(SignalingRetryOptions retry, TimeProvider time) => new()
    {
        MaxRetryAttempts = retry.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = retry.Delay,
        MaxDelay = retry.MaxDelay,
        // ShouldRetry has already refused a Retry-After above MaxRetryAfter; the cap only keeps a timer in range.
        DelayGenerator = args => ValueTask.FromResult(AtMost(RetryAfter(args.Outcome.Result, time), retry.MaxRetryAfter)),
    };

    /// <summary>
    /// Whether the service's <c>Retry-After</c> (if any) can be waited for: no longer than <paramref name="maxRetryAfter"/>
    /// and shorter than what is left of the call. Waiting for one that cannot fit would only end in a timeout.
    /// </summary>
    public static bool Fits(HttpResponseMessage? response, TimeSpan remaining, TimeSpan maxRetryAfter, TimeProvider time) =>
        RetryAfter(response, time) is not TimeSpan wait
        || (wait <= maxRetryAfter && (remaining == Timeout.InfiniteTimeSpan || wait < remaining));

    private static TimeSpan? AtMost(TimeSpan? wait, TimeSpan max) => wait > max ? max : wait;

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
