using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// The AccessToken2 ("007") format: "007" + Base64(zlib(payload)), with an HMAC-SHA256 chain keyed by
/// issue time and salt. Written with spans and stack buffers so that minting a token per request costs
/// one string.
/// </summary>
internal static class AccessToken2
{
    public const string Version = "007";
    public const ushort RtmService = 2;
    public const ushort Rtm2Service = 8;

    /// <summary>The login privilege, the same ID in the RTM and the RTM2 service.</summary>
    public const ushort RtmLoginPrivilege = 1;

    // The signature and app ID blocks, the four header integers, and a service with one privilege and a user ID's length.
    private const int FixedPayloadLength = 94;
    private const int StackLimit = 512;

    public static string BuildRtm(string appId, string appCertificate, string userId, uint issueTs, uint expire, uint salt) =>
        Build(appId, appCertificate, RtmService, userId, null, issueTs, expire, salt);

    /// <summary>An RTM2 token: its user, then the permissions as Rtm2Permissions writes them.</summary>
    public static string BuildRtm2(string appId, string appCertificate, string userId, SignalingPermissionSet permissions, uint issueTs, uint expire, uint salt) =>
        Build(appId, appCertificate, Rtm2Service, userId, permissions, issueTs, expire, salt);

    /// <summary>The length of the token text for a payload of this many bytes, as this class writes it.</summary>
    public static int TextLength(int payloadLength) => Version.Length + ((payloadLength + ZlibStored.Overhead + 2) / 3 * 4);

    public static int PayloadLength(string userId, SignalingPermissionSet? permissions) =>
        FixedPayloadLength + Encoding.UTF8.GetByteCount(userId) + (permissions is null ? 0 : Rtm2Permissions.Length(permissions));

    /// <summary>signature = HMAC(HMAC(u32le(salt), HMAC(u32le(issue_ts), certificate)), signing info).</summary>
    public static void Sign(string appCertificate, uint issueTs, uint salt, ReadOnlySpan<byte> signingInfo, Span<byte> signature)
    {
        Span<byte> key = stackalloc byte[4];
        Span<byte> certificate = stackalloc byte[TokenKeys.Length];
        Span<byte> k1 = stackalloc byte[32];
        Span<byte> k2 = stackalloc byte[32];

        Encoding.ASCII.GetBytes(appCertificate, certificate);
        BinaryPrimitives.WriteUInt32LittleEndian(key, issueTs);
        TokenHmac.Compute(key, certificate, k1);
        BinaryPrimitives.WriteUInt32LittleEndian(key, salt);
        TokenHmac.Compute(key, k1, k2);
        TokenHmac.Compute(k2, signingInfo, signature);
        CryptographicOperations.ZeroMemory(k1);
        CryptographicOperations.ZeroMemory(k2);
    }

    private static string Build(string appId, string appCertificate, ushort service, string userId, SignalingPermissionSet? permissions, uint issueTs, uint expire, uint salt)
    {
        int payloadLength = PayloadLength(userId, permissions);
        int zlibLength = payloadLength + ZlibStored.Overhead;
        int charsLength = TextLength(payloadLength);

        Span<byte> bytes = payloadLength + zlibLength <= StackLimit ? stackalloc byte[StackLimit] : new byte[payloadLength + zlibLength];
        Span<byte> payload = bytes[..payloadLength];
        Span<byte> zlib = bytes.Slice(payloadLength, zlibLength);

        var writer = new TokenWriter(payload);
        writer.U16(32);
        int signatureAt = writer.Skip(32);
        int signingInfoAt = writer.Position;
        writer.Ascii(appId);
        writer.U32(issueTs);
        writer.U32(expire);
        writer.U32(salt);
        writer.U16(1);
        writer.U16(service);
        writer.U16(1);
        writer.U16(RtmLoginPrivilege);
        writer.U32(expire);
        writer.Utf8(userId);
        if (permissions is not null)
        {
            Rtm2Permissions.Write(ref writer, permissions);
        }

        Sign(appCertificate, issueTs, salt, payload[signingInfoAt..], payload.Slice(signatureAt, 32));
        ZlibStored.Write(payload, zlib);

        Span<char> chars = charsLength <= StackLimit ? stackalloc char[charsLength] : new char[charsLength];
        Version.CopyTo(chars);
        Convert.TryToBase64Chars(zlib, chars[Version.Length..], out _);
        return new string(chars);
    }
}
