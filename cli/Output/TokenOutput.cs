namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of <c>token inspect</c>: what a token holds, and whether its signature was verified.</summary>
/// <param name="Version">"007" (AccessToken2) or "006" (legacy AccessToken).</param>
/// <param name="AppId">The app ID the token was built for.</param>
/// <param name="IssuedAt">When an AccessToken2 was issued; null for 006, which does not record it.</param>
/// <param name="Expire">The expiry as written: seconds after issue in 007, a Unix time in 006.</param>
/// <param name="ExpiresAt">When the Signaling login privilege ends.</param>
/// <param name="Salt">The salt mixed into the signature.</param>
/// <param name="UserId">The Signaling user of a 007 token; null for 006, which stores only a checksum of it.</param>
/// <param name="SignatureValid">Whether the signature verifies against the certificate given; null when not checked.</param>
/// <param name="Services">The services the token grants.</param>
/// <param name="Permissions">The resource permissions of its RTM2 service; null when it has none.</param>
internal sealed record TokenOutput(
    string Version,
    string AppId,
    DateTimeOffset? IssuedAt,
    uint Expire,
    DateTimeOffset? ExpiresAt,
    uint Salt,
    string? UserId,
    bool? SignatureValid,
    IReadOnlyList<TokenServiceOutput> Services,
    IReadOnlyList<TokenPermissionOutput>? Permissions)
{
    public static TokenOutput From(SignalingToken token, bool? signatureValid) => new(
        TokenFormat.Version(token.Version),
        token.AppId,
        token.IssuedAt,
        token.Expire,
        token.ExpiresAt,
        token.Salt,
        token.UserId,
        signatureValid,
        token.Services.Select(TokenServiceOutput.From).ToList(),
        TokenPermissionOutput.From(token.Permissions));
}

/// <summary>The JSON form of one grant of an RTM2 token, in the words <c>--permission</c> takes.</summary>
/// <param name="Resource">message-channels, stream-channels, group-channels, server-groups or users.</param>
/// <param name="Permission">read or write.</param>
/// <param name="Names">The resource names or patterns, as written in the token.</param>
internal sealed record TokenPermissionOutput(string Resource, string Permission, IReadOnlyList<string> Names)
{
    public static List<TokenPermissionOutput>? From(SignalingPermissionSet? permissions) =>
        permissions?.Select(p => new TokenPermissionOutput(TokenFormat.Resource(p.ResourceType), TokenFormat.Permission(p.PermissionType), p.Names)).ToList();
}

/// <summary>The JSON form of a service a token grants.</summary>
/// <param name="Type">The service type: 1 RTC, 2 RTM (Signaling), 3 streaming, 4 FPA, 5 chat, 6 FCDN, 7 APaaS, 8 RTM2; 0 for the privileges of a 006 token.</param>
/// <param name="UserId">The user or account the service is for, when it has one.</param>
/// <param name="ChannelName">The channel or room, when the service has one.</param>
internal sealed record TokenServiceOutput(int Type, string? UserId, string? ChannelName)
{
    public static TokenServiceOutput From(SignalingTokenService service) => new(service.Type, service.UserId, service.ChannelName);
}

/// <summary>
/// The JSON form of <c>token build</c>. The fields mean what they mean for <c>token inspect</c>, except that
/// <c>userId</c> and <c>issuedAt</c> are also given for 006 tokens (which do not record them), and <c>expire</c> is the lifetime asked for, in seconds.
/// </summary>
internal sealed record TokenBuildOutput(
    string Token, string Version, string AppId, string UserId, DateTimeOffset IssuedAt, uint Expire, DateTimeOffset? ExpiresAt, uint Salt, IReadOnlyList<TokenPermissionOutput>? Permissions);
