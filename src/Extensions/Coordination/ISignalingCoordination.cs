using System.Threading.RateLimiting;

namespace Agora.Signaling;

/// <summary>
/// What a store shared by several instances (such as Redis, in the <c>Agora.Signaling.Redis</c> package) lends a
/// registration, so that a fleet of instances keeps one app ID's quotas together and pulls its events once.
/// </summary>
/// <remarks>
/// Internal so that the core keeps no dependency on a store; the packages that implement it see it through
/// <c>InternalsVisibleTo</c>, and are released with the core.
/// </remarks>
internal interface ISignalingCoordination
{
    /// <summary>Wraps an instance's own limiter for a quota in one that the whole fleet shares.</summary>
    /// <param name="quota">Which quota, of which app ID, and at what rate.</param>
    /// <param name="local">The limiter this instance would use alone; the shared one falls back on it when the store does not answer.</param>
    /// <returns>
    /// The limiter the client takes its permits from for that quota. It owns <paramref name="local"/>: disposing it
    /// disposes both, as the per-channel limiter drops an idle channel's.
    /// </returns>
    RateLimiter CreateLimiter(SignalingQuota quota, RateLimiter local);

    /// <summary>Opens a lease on the right to pull one app's events, so that one instance of the fleet pulls at a time.</summary>
    /// <param name="appId">The app ID whose events are pulled.</param>
    /// <param name="stream">Which events: <c>user-events</c> or <c>channel-events</c>.</param>
    /// <returns>The lease, not yet held; dispose it to release it.</returns>
    IPullLease OpenPullLease(string appId, string stream);
}
