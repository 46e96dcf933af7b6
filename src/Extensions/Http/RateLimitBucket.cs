namespace Agora.Signaling;

/// <summary>
/// Which of Agora's quotas an operation counts against, declared as <c>x-signaling-rate-limit</c>. Every request also
/// counts against the app's global cap of 500 REST requests a second.
/// </summary>
internal enum RateLimitBucket
{
    /// <summary>Peer and channel messages together: 500 a second (<c>messages</c>).</summary>
    Messages,

    /// <summary>User and channel event pulls together: 10 a second (<c>event-pulls</c>).</summary>
    EventPulls,

    /// <summary>History reads: 60 a second (<c>history</c>).</summary>
    History,

    /// <summary>2.x publishes: 60 a second per channel (<c>publish</c>); the call's <see cref="RequestContext.RateLimitKey"/> names the channel.</summary>
    Publish,
}
