namespace Agora.Signaling;

/// <summary>Which of Agora's per-app-ID quotas an operation counts against, declared as <c>x-signaling-rate-limit</c>.</summary>
internal enum RateLimitBucket
{
    /// <summary>Peer and channel messages together: 500 a second (<c>messages</c>).</summary>
    Messages,

    /// <summary>User and channel event pulls together: 10 a second (<c>event-pulls</c>).</summary>
    EventPulls,

    /// <summary>History reads: 60 a second (<c>history</c>).</summary>
    History,
}
