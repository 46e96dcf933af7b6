namespace Agora.Signaling;

/// <summary>
/// Client-side rate limits matching Agora's per-app-ID quotas, so callers wait instead of receiving 429s.
/// </summary>
/// <remarks>The limits are per client: share one client (it is thread-safe) for each app ID.</remarks>
public sealed class SignalingRateLimitOptions
{
    /// <summary>Gets or sets a value indicating whether requests wait for the limits; on unless set.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the peer and channel messages per second, combined; 500 unless set.</summary>
    public int MessagesPerSecond { get; set; } = 500;

    /// <summary>Gets or sets the user and channel event pulls per second, combined; 10 unless set.</summary>
    public int EventPullsPerSecond { get; set; } = 10;

    /// <summary>Gets or sets the history requests per second (2.x and legacy); 60 unless set.</summary>
    public int HistoryRequestsPerSecond { get; set; } = 60;

    /// <summary>Gets or sets the 2.x publishes per second to each channel; 60 unless set. Above it the service drops messages.</summary>
    public int PublishesPerChannelPerSecond { get; set; } = 60;

    /// <summary>Gets or sets the REST requests per second of every operation together, Agora's global cap per app ID; 500 unless set.</summary>
    public int RequestsPerSecond { get; set; } = 500;

    internal void Validate()
    {
        Positive(MessagesPerSecond, nameof(MessagesPerSecond));
        Positive(EventPullsPerSecond, nameof(EventPullsPerSecond));
        Positive(HistoryRequestsPerSecond, nameof(HistoryRequestsPerSecond));
        Positive(PublishesPerChannelPerSecond, nameof(PublishesPerChannelPerSecond));
        Positive(RequestsPerSecond, nameof(RequestsPerSecond));
    }

    private static void Positive(int value, string name)
    {
        if (value is < 1 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(name, value, "The rate must be from 1 to 100,000 per second.");
        }
    }
}
