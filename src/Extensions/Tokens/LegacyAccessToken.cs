using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// The legacy AccessToken ("006") format: "006" + app ID + Base64(content), not compressed. An RTM token
/// puts the user account in the channel slot and an empty uid, with the login privilege 1000.
/// </summary>
internal static class LegacyAccessToken
{
    public const string Version = "006";
    public const ushort RtmLoginPrivilege = 1000;

    public static string BuildRtm(string appId, string appCertificate, string userId, uint ts, uint salt, uint privilegeExpire) =>
        Build(appId, appCertificate, userId, string.Empty, ts, salt, [(RtmLoginPrivilege, privilegeExpire)]);

    /// <summary>The general form, for RTC tokens too; privileges are written in the order given.</summary>
    public static string Build(string appId, string appCertificate, string channelName, string uid, uint ts, uint salt, ReadOnlySpan<(ushort Key, uint Value)> privileges)
    {
        byte[] channel = Encoding.UTF8.GetBytes(channelName);
        byte[] account = Encoding.UTF8.GetBytes(uid);
        int messageLength = 4 + 4 + 2 + (6 * privileges.Length);
        Span<byte> message = stackalloc byte[messageLength];
        var writer = new TokenWriter(message);
        writer.U32(salt);
        writer.U32(ts);
        writer.U16(privileges.Length);
        foreach (var (key, value) in privileges)
        {
            writer.U16(key);
            writer.U32(value);
        }

        Span<byte> signature = stackalloc byte[32];
        Sign(appId, appCertificate, channel, account, message, signature);

        Span<byte> content = stackalloc byte[2 + 32 + 4 + 4 + 2 + messageLength];
        var contentWriter = new TokenWriter(content);
        contentWriter.Bytes(signature);
        contentWriter.U32(Crc32.HashToUInt32(channel));
        contentWriter.U32(Crc32.HashToUInt32(account));
        contentWriter.Bytes(message);

        return Version + appId + Convert.ToBase64String(content);
    }

    /// <summary>signature = HMAC(certificate, app ID ‖ channel ‖ uid ‖ message), no separators.</summary>
    public static void Sign(string appId, string appCertificate, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> uid, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        Span<byte> certificate = stackalloc byte[TokenKeys.Length];
        Encoding.ASCII.GetBytes(appCertificate, certificate);
        int inputLength = appId.Length + channel.Length + uid.Length + message.Length;
        Span<byte> input = inputLength <= 512 ? stackalloc byte[inputLength] : new byte[inputLength];
        int at = Encoding.ASCII.GetBytes(appId, input);
        channel.CopyTo(input[at..]);
        at += channel.Length;
        uid.CopyTo(input[at..]);
        at += uid.Length;
        message.CopyTo(input[at..]);
        TokenHmac.Compute(certificate, input, signature);
    }
}
