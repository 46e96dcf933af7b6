using System.Security.Cryptography;

namespace Agora.Signaling;

/// <summary>
/// HMAC-SHA256 (RFC 2104) over one SHA-256 kept per thread. The one-shot
/// <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/> sets up a native MAC context
/// on every call, and a 007 token signs with three different keys; reusing one hash context removes that setup
/// (see bench/results/TokenBenchmarks.md).
/// </summary>
internal static class TokenHmac
{
    public const int Length = 32;
    private const int BlockLength = 64;
    private const byte InnerPad = 0x36;
    private const byte OuterPad = 0x5c;

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    /// <summary>Writes HMAC-SHA256(key, message) to <paramref name="destination"/>.</summary>
    public static void Compute(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        if (key.Length > BlockLength)
        {
            // Such a key is hashed first (RFC 2104, section 2); no token key is that long, so the one-shot form serves.
            HMACSHA256.HashData(key, message, destination);
            return;
        }

        var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> pad = stackalloc byte[BlockLength];
        Span<byte> inner = stackalloc byte[Length];
        try
        {
            Pad(key, pad, InnerPad);
            sha256.AppendData(pad);
            sha256.AppendData(message);
            sha256.GetHashAndReset(inner);

            Pad(key, pad, OuterPad);
            sha256.AppendData(pad);
            sha256.AppendData(inner);
            sha256.GetHashAndReset(destination);
        }
        catch
        {
            // A hash left half-fed would sign the next token wrongly; this thread starts again with a new one.
            t_sha256 = null;
            sha256.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pad);
            CryptographicOperations.ZeroMemory(inner);
        }
    }

    private static void Pad(ReadOnlySpan<byte> key, Span<byte> pad, byte value)
    {
        pad.Fill(value);
        for (int i = 0; i < key.Length; i++)
        {
            pad[i] ^= key[i];
        }
    }
}
