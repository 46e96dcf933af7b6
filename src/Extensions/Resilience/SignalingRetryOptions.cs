namespace Agora.Signaling;

/// <summary>How the client retries transient failures: 408, 429, 500, 502, 503, 504 and connection failures.</summary>
public sealed class SignalingRetryOptions
{
    /// <summary>Gets or sets how many times a request is retried after its first attempt; 3 unless set, 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the first backoff delay; it doubles on each retry, with jitter. 1 second unless set, as Agora suggests.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff delay; 30 seconds unless set. A <c>Retry-After</c> from the service is honoured as given.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> the client waits for; 5 minutes unless set. A longer one, or one
    /// longer than what is left of <see cref="SignalingClientOptions.OverallTimeout"/>, ends the call at once with the
    /// service's answer instead of waiting.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets when peer and channel messages are resent. The API has no idempotency key, so by default a
    /// message is resent only when the service cannot have processed it.
    /// </summary>
    public SendRetryMode RetrySends { get; set; } = SendRetryMode.WhenNotProcessed;

    internal void Validate()
    {
        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "The retry count must be from 0 to 10.");
        }

        if (Delay <= TimeSpan.Zero || MaxDelay < Delay)
        {
            throw new ArgumentOutOfRangeException(nameof(Delay), Delay, "The delay must be positive and no longer than MaxDelay.");
        }

        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), MaxRetryAfter, "MaxRetryAfter must be from zero to one day.");
        }

        if (!Enum.IsDefined(RetrySends))
        {
            throw new ArgumentOutOfRangeException(nameof(RetrySends), RetrySends, "Unknown send retry mode.");
        }
    }
}

/// <summary>When peer and channel messages are resent after a failure.</summary>
public enum SendRetryMode
{
    /// <summary>
    /// Only when the service cannot have processed the message: the connection was never established, or it
    /// answered 429. After a 5xx, a timeout or a connection dropped after sending, the outcome is reported as unknown.
    /// </summary>
    WhenNotProcessed = 0,

    /// <summary>On every transient failure, accepting that a message may be delivered twice.</summary>
    OnAnyTransientFailure = 1,
}
