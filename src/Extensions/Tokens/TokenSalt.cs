using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Agora.Signaling;

/// <summary>
/// Draws token salts from the operating system's cryptographic generator, 64 at a time into a per-thread buffer:
/// one <see cref="RandomNumberGenerator.Fill"/> call then serves 64 tokens, where a
/// <see cref="RandomNumberGenerator.GetInt32(int, int)"/> call per token cost about as much as the rest of a 006 build.
/// </summary>
internal static class TokenSalt
{
    // Agora's Python reference draws from 1 to 99,999,999; staying in that range keeps tokens unremarkable.
    private const uint Range = 99_999_999;

    // The largest multiple of Range below 2^32. Values at or above it are drawn again, so that every salt is equally
    // likely (a plain modulo would favour the low ones); that happens to about 2 % of values.
    private const uint Limit = uint.MaxValue / Range * Range;

    private const int BufferLength = 256;

    // Well past any run of rejections that could happen (each has a 2 % chance); it only keeps the loop bounded.
    private const int MaxDraws = 64;

    [ThreadStatic]
    private static byte[]? t_buffer;

    [ThreadStatic]
    private static int t_next;

    public static uint Next()
    {
        for (int draw = 0; draw < MaxDraws; draw++)
        {
            var buffer = t_buffer;
            int next = t_next;
            if (buffer is null || next > BufferLength - sizeof(uint))
            {
                buffer = t_buffer ??= new byte[BufferLength];
                RandomNumberGenerator.Fill(buffer);
                next = 0;
            }

            uint value = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(next));
            t_next = next + sizeof(uint);
            if (value < Limit)
            {
                return 1 + (value % Range);
            }
        }

        return (uint)RandomNumberGenerator.GetInt32(1, (int)Range + 1);
    }
}
