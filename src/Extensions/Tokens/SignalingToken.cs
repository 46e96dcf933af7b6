using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// The contents of an Agora AccessToken2 (007) or AccessToken (006): app ID, times, salt, services and user,
/// and a check of its signature against an app certificate.
/// </summary>
/// <remarks><see cref="ToString"/> describes the token without its signature, so it is safe to log.</remarks>
public sealed class SignalingToken
{
    /// <summary>The longest token text accepted; real RTM tokens are under 300 characters.</summary>
    public const int MaxLength = 4096;

    private readonly byte[] _signature;
    private readonly byte[] _signedBytes;
    private readonly uint _crcChannel;
    private readonly uint _crcUid;

    internal SignalingToken(SignalingTokenVersion version, string appId, uint? issueTs, uint expire, uint salt, IReadOnlyList<SignalingTokenService> services, byte[] signature, byte[] signedBytes, uint crcChannel = 0, uint crcUid = 0)
    {
        Version = version;
        AppId = appId;
        IssuedAt = issueTs is uint issued ? DateTimeOffset.FromUnixTimeSeconds(issued) : null;
        Expire = expire;
        Salt = salt;
        Services = services;
        _signature = signature;
        _signedBytes = signedBytes;
        _crcChannel = crcChannel;
        _crcUid = crcUid;
    }

    /// <summary>Gets the token format.</summary>
    public SignalingTokenVersion Version { get; }

    /// <summary>Gets the app ID the token was built for.</summary>
    public string AppId { get; }

    /// <summary>Gets when an AccessToken2 was issued; <see langword="null"/> for AccessToken, which does not record it.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>Gets the expiry as written: seconds after issue in AccessToken2; the token's Unix expiry time in AccessToken.</summary>
    public uint Expire { get; }

    /// <summary>Gets the random salt mixed into the signature.</summary>
    public uint Salt { get; }

    /// <summary>Gets the services the token grants.</summary>
    public IReadOnlyList<SignalingTokenService> Services { get; }

    /// <summary>
    /// Gets the Signaling user of an AccessToken2: the user of its RTM service, or else of its RTM2 service; otherwise
    /// <see langword="null"/>. An AccessToken stores only a checksum of its user; pass the user to <see cref="VerifySignature"/> instead.
    /// </summary>
    public string? UserId => SignalingService?.UserId;

    /// <summary>
    /// Gets the resource permissions of the token's RTM2 service, or <see langword="null"/> when it has none. Read as
    /// written: a token made elsewhere may hold types or names that <see cref="SignalingPermissionSet.Grant"/> would refuse.
    /// </summary>
    public SignalingPermissionSet? Permissions => Services.FirstOrDefault(s => s.Type == SignalingTokenService.Rtm2)?.Permissions;

    /// <summary>Gets when the Signaling login privilege ends: the earlier of the token's and the privilege's expiry.</summary>
    public DateTimeOffset? ExpiresAt
    {
        get
        {
            if (Version == SignalingTokenVersion.AccessToken)
            {
                uint? privilege = Services.Count > 0 && Services[0].Privileges.TryGetValue(LegacyAccessToken.RtmLoginPrivilege, out uint p) ? p : null;
                return DateTimeOffset.FromUnixTimeSeconds(Math.Min(Expire, privilege ?? Expire));
            }

            var service = SignalingService;
            uint login = service is not null && service.Privileges.TryGetValue(AccessToken2.RtmLoginPrivilege, out uint value) ? value : Expire;
            return IssuedAt?.AddSeconds(Math.Min(Expire, login));
        }
    }

    // RTM comes first when a token carries both: it is the service the REST API has always been documented with.
    private SignalingTokenService? SignalingService =>
        Services.FirstOrDefault(s => s.Type == SignalingTokenService.Rtm) ?? Services.FirstOrDefault(s => s.Type == SignalingTokenService.Rtm2);

    /// <summary>Reads a token.</summary>
    /// <param name="token">
    /// The token text, starting "007" or "006". Whitespace around it is ignored, as by .NET's number parsers; whitespace
    /// or a control character inside it is refused, although Base64 decoding would skip it, because a header cannot carry it.
    /// </param>
    /// <returns>The token's contents.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    /// <exception cref="SignalingTokenFormatException">The text is not a well-formed token.</exception>
    public static SignalingToken Parse(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var text = token.AsSpan().Trim();
        if (text.Length > MaxLength)
        {
            throw new SignalingTokenFormatException($"A token is at most {MaxLength} characters.");
        }

        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new SignalingTokenFormatException($"A token must not contain whitespace or control characters inside it; found U+{(int)c:X4}.");
            }
        }

        if (text.StartsWith(AccessToken2.Version, StringComparison.Ordinal))
        {
            return TokenParser.ParseAccessToken2(text[AccessToken2.Version.Length..]);
        }

        if (text.StartsWith(LegacyAccessToken.Version, StringComparison.Ordinal))
        {
            return TokenParser.ParseAccessToken(text[LegacyAccessToken.Version.Length..]);
        }

        throw new SignalingTokenFormatException("A token starts with 007 (AccessToken2) or 006 (AccessToken).");
    }

    /// <summary>Reads a token, without throwing when it is malformed.</summary>
    /// <param name="token">The token text.</param>
    /// <param name="result">The token's contents, when it is well-formed.</param>
    /// <returns>Whether the text is a well-formed token.</returns>
    public static bool TryParse(string? token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SignalingToken? result)
    {
        result = null;
        if (token is null)
        {
            return false;
        }

        try
        {
            result = Parse(token);
            return true;
        }
        catch (SignalingTokenFormatException)
        {
            return false;
        }
    }

    /// <summary>Checks the token's signature against an app certificate, in constant time.</summary>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">For an AccessToken (006), the user it was built for (the <c>x-agora-uid</c>); ignored for AccessToken2.</param>
    /// <returns>Whether the token was signed with this certificate (and, for 006, for this user).</returns>
    /// <exception cref="ArgumentException">The certificate is not 32 hexadecimal characters, or a 006 token has no user.</exception>
    public bool VerifySignature(string appCertificate, string? userId = null)
    {
        TokenKeys.Hex32(appCertificate, nameof(appCertificate), "app certificate");
        Span<byte> expected = stackalloc byte[32];
        if (Version == SignalingTokenVersion.AccessToken2)
        {
            AccessToken2.Sign(appCertificate, (uint)IssuedAt!.Value.ToUnixTimeSeconds(), Salt, _signedBytes, expected);
            return CryptographicOperations.FixedTimeEquals(expected, _signature);
        }

        ArgumentNullException.ThrowIfNull(userId, nameof(userId));
        if (!IsBuiltFor(userId))
        {
            return false;
        }

        byte[] account = Encoding.UTF8.GetBytes(userId);
        LegacyAccessToken.Sign(AppId, appCertificate, account, [], _signedBytes, expected);
        return CryptographicOperations.FixedTimeEquals(expected, _signature);
    }

    /// <summary>Tells whether the token names this user: its RTM user (007), or its user checksum (006).</summary>
    internal bool IsBuiltFor(string userId) => Version == SignalingTokenVersion.AccessToken2
        ? string.Equals(UserId, userId, StringComparison.Ordinal)
        : _crcChannel == Crc32.HashToUInt32(Encoding.UTF8.GetBytes(userId)) && _crcUid == 0;

    /// <inheritdoc />
    /// <remarks>The user ID is shown with its control and format characters escaped (<c>\u001B</c>): a token made elsewhere may name any user.</remarks>
    public override string ToString() =>
        $"{Version} for app {AppId}" + (UserId is null ? string.Empty : $", user {PrintableText.Escape(UserId)}")
        + (IssuedAt is null ? string.Empty : $", issued {IssuedAt:u}") + (ExpiresAt is null ? string.Empty : $", expires {ExpiresAt:u}");
}
