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
        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time)),
    };

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
