using System.Buffers;
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

    private SignalingToken(SignalingTokenVersion version, string appId, uint? issueTs, uint expire, uint salt, IReadOnlyList<SignalingTokenService> services, byte[] signature, byte[] signedBytes, uint crcChannel = 0, uint crcUid = 0)
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
    /// Gets the Signaling user of an AccessToken2 (its RTM service), or <see langword="null"/>. An AccessToken
    /// stores only a checksum of its user; pass the user to <see cref="VerifySignature"/> instead.
    /// </summary>
    public string? UserId => Services.FirstOrDefault(s => s.Type == SignalingTokenService.Rtm)?.UserId;

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

            var rtm = Services.FirstOrDefault(s => s.Type == SignalingTokenService.Rtm);
            uint login = rtm is not null && rtm.Privileges.TryGetValue(AccessToken2.RtmLoginPrivilege, out uint value) ? value : Expire;
            return IssuedAt?.AddSeconds(Math.Min(Expire, login));
        }
    }

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
            return ParseAccessToken2(text[AccessToken2.Version.Length..]);
        }

        if (text.StartsWith(LegacyAccessToken.Version, StringComparison.Ordinal))
        {
            return ParseAccessToken(text[LegacyAccessToken.Version.Length..]);
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

    private static SignalingToken ParseAccessToken2(ReadOnlySpan<char> body)
    {
        byte[] payload = ZlibStored.Inflate(DecodeBase64(body));
        var reader = new TokenReader(payload);
        byte[] signature = Signature(ref reader);
        byte[] signedBytes = payload.AsSpan(reader.Position).ToArray();

        string appId = AsciiAppId(reader.Bytes());
        uint issueTs = reader.U32();
        uint expire = reader.U32();
        uint salt = reader.U32();
        int count = reader.U16();
        var services = new List<SignalingTokenService>(Math.Min(count, 8));
        for (int i = 0; i < count; i++)
        {
            int type = reader.U16();
            if (type is < 1 or > 8)
            {
                // An unknown service's length cannot be known, so reading stops; its bytes stay signed.
                break;
            }

            services.Add(ReadService(type, ref reader));
        }

        return new SignalingToken(SignalingTokenVersion.AccessToken2, appId, issueTs, expire, salt, services, signature, signedBytes);
    }

    private static SignalingTokenService ReadService(int type, ref TokenReader reader)
    {
        var privileges = ReadPrivileges(ref reader);
        switch (type)
        {
            case 1: // RTC: channel, uid
            case 3: // streaming: channel, account
            case 6: // FCDN: channel, account
                string channel = reader.Utf8();
                return new SignalingTokenService(type, privileges, reader.Utf8(), channel);
            case 2: // RTM
            case 5: // chat
                return new SignalingTokenService(type, privileges, reader.Utf8(), null);
            case 7: // APaaS: room, user, role
                string room = reader.Utf8();
                string user = reader.Utf8();
                reader.I16();
                return new SignalingTokenService(type, privileges, user, room);
            case 8: // RTM2: user, then resource permissions, read only to find the end
                string rtmUser = reader.Utf8();
                int resourceTypes = reader.U16();
                for (int r = 0; r < resourceTypes; r++)
                {
                    reader.U16();
                    int permissions = reader.U16();
                    for (int p = 0; p < permissions; p++)
                    {
                        reader.U16();
                        int resources = reader.U16();
                        for (int n = 0; n < resources; n++)
                        {
                            reader.Bytes();
                        }
                    }
                }

                return new SignalingTokenService(type, privileges, rtmUser, null);
            default: // FPA has no fields
                return new SignalingTokenService(type, privileges, null, null);
        }
    }

    private static SignalingToken ParseAccessToken(ReadOnlySpan<char> body)
    {
        if (body.Length < TokenKeys.Length)
        {
            throw new SignalingTokenFormatException("An AccessToken carries a 32-character app ID after 006.");
        }

        string appId = AsciiAppId(body[..TokenKeys.Length]);
        byte[] content = DecodeBase64(body[TokenKeys.Length..]);
        var reader = new TokenReader(content);
        byte[] signature = Signature(ref reader);
        uint crcChannel = reader.U32();
        uint crcUid = reader.U32();
        byte[] message = reader.Bytes().ToArray();
        if (reader.Remaining != 0)
        {
            throw new SignalingTokenFormatException("The token has bytes after its message.");
        }

        var messageReader = new TokenReader(message);
        uint salt = messageReader.U32();
        uint ts = messageReader.U32();
        var privileges = ReadPrivileges(ref messageReader);
        var service = new SignalingTokenService(0, privileges, null, null);
        return new SignalingToken(SignalingTokenVersion.AccessToken, appId, null, ts, salt, [service], signature, message, crcChannel, crcUid);
    }

    private static Dictionary<int, uint> ReadPrivileges(ref TokenReader reader)
    {
        int count = reader.U16();
        var privileges = new Dictionary<int, uint>(Math.Min(count, 8));
        for (int i = 0; i < count; i++)
        {
            privileges[reader.U16()] = reader.U32();
        }

        return privileges;
    }

    private static byte[] Signature(ref TokenReader reader)
    {
        var signature = reader.Bytes();
        if (signature.Length != 32)
        {
            throw new SignalingTokenFormatException("The token's signature must be 32 bytes.");
        }

        return signature.ToArray();
    }

    private static string AsciiAppId(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[TokenKeys.Length];
        if (bytes.Length != TokenKeys.Length || Encoding.ASCII.GetChars(bytes, chars) != TokenKeys.Length || !TokenKeys.IsHex(chars))
        {
            throw new SignalingTokenFormatException("The token's app ID must be 32 hexadecimal characters.");
        }

        return new string(chars);
    }

    private static string AsciiAppId(ReadOnlySpan<char> chars) =>
        TokenKeys.IsHex(chars) ? new string(chars) : throw new SignalingTokenFormatException("The token's app ID must be 32 hexadecimal characters.");

    private static byte[] DecodeBase64(ReadOnlySpan<char> text)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent((text.Length / 4 * 3) + 3);
        try
        {
            if (text.IsEmpty || !Convert.TryFromBase64Chars(text, buffer, out int written))
            {
                throw new SignalingTokenFormatException("The token body is not valid Base64.");
            }

            return buffer.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
