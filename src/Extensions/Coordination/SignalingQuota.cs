namespace Agora.Signaling;

/// <summary>One of Agora's per-app-ID quotas as a limiter sees it: whose, which, and how many permits a second.</summary>
/// <param name="AppId">The app ID the quota belongs to; every instance of a fleet using it shares it.</param>
/// <param name="Name">The quota's name as the contract spells it (<c>x-signaling-rate-limit</c>), such as <c>messages</c>.</param>
/// <param name="Partition">A narrower key within the quota, such as a channel for a per-channel limit; <see langword="null"/> for the whole app.</param>
/// <param name="PermitsPerSecond">The rate.</param>
internal sealed record SignalingQuota(string AppId, string Name, string? Partition, int PermitsPerSecond)
{
    /// <summary>
    /// The permits in one window and the window's length, about ten windows a second: small bursts, and any second
    /// holds at most <see cref="PermitsPerSecond"/> permits.
    /// </summary>
    public (int Permits, TimeSpan Window) Windows()
    {
        int permits = Math.Max(1, (PermitsPerSecond + 9) / 10);
        return (permits, TimeSpan.FromTicks(TimeSpan.TicksPerSecond * permits / PermitsPerSecond));
    }
}
