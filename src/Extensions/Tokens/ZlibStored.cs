using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Agora.Signaling;

/// <summary>
/// The zlib container (RFC 1950) of AccessToken2. Tokens are written as one stored deflate block, as
/// Agora's Rust reference does: every zlib decoder reads it, and it costs no compressor state per token.
/// </summary>
internal static class ZlibStored
{
    /// <summary>Header (2), block header (1), LEN and NLEN (4) and the Adler-32 trailer (4).</summary>
    public const int Overhead = 11;

    /// <summary>The most bytes a token may inflate to; real RTM tokens inflate to under 200.</summary>
    public const int MaxInflatedLength = 16 * 1024;

    public static int Write(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        destination[0] = 0x78; // deflate, 32 KB window
        destination[1] = 0x01; // no preset dictionary; (0x78 << 8 | 0x01) % 31 == 0
        destination[2] = 0x01; // BFINAL = 1, BTYPE = 00 (stored)
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], (ushort)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[5..], (ushort)~data.Length);
        data.CopyTo(destination[7..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(7 + data.Length)..], Adler32(data));
        return data.Length + Overhead;
    }

    /// <summary>Inflates any valid zlib stream, refusing one that inflates beyond <see cref="MaxInflatedLength"/>.</summary>
    public static byte[] Inflate(byte[] compressed)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            byte[] output = ArrayPool<byte>.Shared.Rent(MaxInflatedLength + 1);
            try
            {
                int total = 0;
                int read;
                while (total <= MaxInflatedLength && (read = zlib.Read(output, total, MaxInflatedLength + 1 - total)) > 0)
                {
                    total += read;
                }

                // A zlib bomb stops here, after at most MaxInflatedLength + 1 bytes were produced.
                if (total > MaxInflatedLength)
                {
                    throw new SignalingTokenFormatException($"The token inflates to more than {MaxInflatedLength} bytes.");
                }

                return output.AsSpan(0, total).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(output);
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // Corrupt data is an InvalidDataException; a header asking for a preset dictionary is a ZLibException, an IOException.
            throw new SignalingTokenFormatException("The token body is not a valid zlib stream.", exception);
        }
    }

    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;

        // The most bytes summed before b can overflow 32 bits (zlib's NMAX), so the modulo is taken once per run, not per byte.
        const int Run = 5552;
        uint a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var run = data[..Math.Min(Run, data.Length)];
            foreach (byte value in run)
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[run.Length..];
        }

        return (b << 16) | a;
    }
}
