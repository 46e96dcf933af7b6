namespace Agora.Signaling.Redis;

/// <summary>How a registration coordinates through Redis: its keys, how long it waits for Redis, and its pull lease.</summary>
public sealed class RedisCoordinationOptions
{
    /// <summary>Gets or sets the prefix of every key written, before the app ID; <c>agora-signaling</c> unless set.</summary>
    public string KeyPrefix { get; set; } = "agora-signaling";

    /// <summary>
    /// Gets or sets how long a permit or a lease waits for Redis to answer before this instance's own limits are used
    /// instead; 500 milliseconds unless set.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Gets or sets how long the first calls wait for the connection to Redis to be made (and for each limit's first
    /// answer), before using this instance's own limits; 2 seconds unless set.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often Redis is tried again while it does not answer; one second unless set.</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how long the pull lease lasts without renewal: the longest another instance waits to take over
    /// the event pulls when the one pulling dies; 10 seconds unless set.
    /// </summary>
    public TimeSpan PullLeaseTime { get; set; } = TimeSpan.FromSeconds(10);

    internal void Validate()
    {
        if (string.IsNullOrEmpty(KeyPrefix))
        {
            throw new ArgumentException("The key prefix must not be empty.", nameof(KeyPrefix));
        }

        Positive(CommandTimeout, nameof(CommandTimeout));
        Positive(ConnectTimeout, nameof(ConnectTimeout));
        Positive(RetryInterval, nameof(RetryInterval));
        Positive(PullLeaseTime, nameof(PullLeaseTime));
        if (PullLeaseTime < TimeSpan.FromMilliseconds(300))
        {
            throw new ArgumentOutOfRangeException(nameof(PullLeaseTime), PullLeaseTime, "The pull lease must last at least 300 milliseconds, so that it can be renewed in time.");
        }
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(name, value, "The time must be more than zero and at most an hour.");
        }
    }
}
