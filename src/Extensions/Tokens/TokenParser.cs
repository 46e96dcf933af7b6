using System.Buffers;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// Reads the body of a token after its version: strictly (a short read is an error, never zeros), and keeping the
/// signed bytes verbatim, since verification must not depend on rebuilding what was read.
/// </summary>
internal static class TokenParser
{
    public static SignalingToken ParseAccessToken2(ReadOnlySpan<char> body)
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
            case 8: // RTM2: user, then resource permissions
                string rtmUser = reader.Utf8();
                return new SignalingTokenService(type, privileges, rtmUser, null) { Permissions = Rtm2Permissions.Read(ref reader) };
            default: // FPA has no fields
                return new SignalingTokenService(type, privileges, null, null);
        }
    }

    public static SignalingToken ParseAccessToken(ReadOnlySpan<char> body)
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
