using System.Buffers;
using System.Text;

namespace Agora.Signaling;

/// <summary>
/// A response body decoded into a pooled character buffer, for the JSON reader. Reading the body as a string instead
/// allocated one as large as the body for every response: a history page of a few megabytes made a string of twice
/// that on the large object heap, only to be parsed and dropped.
/// </summary>
internal sealed class PooledTextReader : TextReader
{
    private char[]? _chars;
    private readonly int _length;
    private int _position;

    private PooledTextReader(char[] chars, int length)
    {
        _chars = chars;
        _length = length;
    }

    /// <summary>Decodes a stream's bytes the way <see cref="HttpContent.ReadAsStringAsync()"/> does: a byte order mark wins, then the declared charset, then UTF-8.</summary>
    public static PooledTextReader Decode(Stream stream, Encoding? declared)
    {
        int count = checked((int)(stream.Length - stream.Position));
        byte[] bytes = ArrayPool<byte>.Shared.Rent(Math.Max(count, 1));
        try
        {
            stream.ReadExactly(bytes, 0, count);
            var (encoding, bom) = Detect(bytes.AsSpan(0, count), declared ?? Encoding.UTF8);
            var body = bytes.AsSpan(bom, count - bom);
            char[] chars = ArrayPool<char>.Shared.Rent(Math.Max(encoding.GetMaxCharCount(body.Length), 1));
            return new PooledTextReader(chars, encoding.GetChars(body, chars));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public override int Peek() => _position < _length ? Chars[_position] : -1;

    public override int Read() => _position < _length ? Chars[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        int count = Math.Min(buffer.Length, _length - _position);
        Chars.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    protected override void Dispose(bool disposing)
    {
        if (_chars is { } chars)
        {
            _chars = null;
            ArrayPool<char>.Shared.Return(chars);
        }

        base.Dispose(disposing);
    }

    private char[] Chars => _chars ?? throw new ObjectDisposedException(nameof(PooledTextReader));

    private static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> bytes, Encoding declared) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (declared, 0),
    };
}
