namespace Agora.Signaling;

/// <summary>A service granted by a token, such as RTM (type 2) in AccessToken2.</summary>
/// <param name="Type">The service type: 1 RTC, 2 RTM, 3 streaming, 4 FPA, 5 chat, 6 FCDN, 7 APaaS, 8 RTM2; for AccessToken, 0.</param>
/// <param name="Privileges">Privilege IDs and their expiry: seconds after issue in AccessToken2, a Unix time in AccessToken.</param>
/// <param name="UserId">The user ID or account the service is for, when it has one.</param>
/// <param name="ChannelName">The channel or room, when the service has one.</param>
public sealed record SignalingTokenService(int Type, IReadOnlyDictionary<int, uint> Privileges, string? UserId, string? ChannelName)
{
    /// <summary>The service type of Signaling (RTM) in AccessToken2.</summary>
    public const int Rtm = 2;

    /// <summary>The service type of Signaling 2.x with resource permissions (RTM2) in AccessToken2.</summary>
    public const int Rtm2 = 8;

    /// <summary>Gets the resource permissions of an RTM2 service; <see langword="null"/> for other services.</summary>
    public SignalingPermissionSet? Permissions { get; init; }
}
