using System.Buffers;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Agora.Signaling;

/// <summary>
/// Writes a request body as UTF-8 JSON: Newtonsoft writes characters to this writer, which keeps them in a buffer kept
/// per thread and encodes them in one pass at the end. The body used to go through a <see cref="StringWriter"/>, a
/// string, and <see cref="StringContent"/>, which encoded it again; encoding each of Newtonsoft's small writes as it
/// came (a brace, a quote, a name) cost an encoder call apiece, more than the whole body's single pass.
/// </summary>
internal sealed class Utf8BodyWriter : TextWriter
{
    // A thread keeps a buffer this small; a larger body borrows one from the shared pool and gives it back, so a
    // large message neither pins memory nor leaves a large-object-heap array behind on every send.
    private const int KeptBufferSize = 1024;

    [ThreadStatic]
    private static Utf8BodyWriter? t_cached;

    private readonly char[] _kept = new char[KeptBufferSize];
    private char[] _chars;
    private int _length;

    private Utf8BodyWriter()
        : base(CultureInfo.InvariantCulture)
    {
        _chars = _kept;
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Serializes <paramref name="body"/> and returns its UTF-8 bytes, exactly sized for a <see cref="ByteArrayContent"/>.</summary>
    /// <remarks>A lone surrogate becomes U+FFFD, as the string route's UTF-8 encoding made it.</remarks>
    public static byte[] Serialize<T>(JsonSerializer serializer, T body)
    {
        var writer = t_cached ?? new Utf8BodyWriter();
        t_cached = null;
        try
        {
            using (var json = new JsonTextWriter(writer) { CloseOutput = false, ArrayPool = RestResponseReader.PooledChars.Instance })
            {
                if (body is not null && serializer.ContractResolver is SignalingContractResolver resolver
                    && resolver.FlatWriterFor(body.GetType()) is { } flat && FlatModelWriter.Suits(serializer))
                {
                    // What Serialize would set on the writer from the serializer before writing.
                    json.Formatting = serializer.Formatting;
                    json.StringEscapeHandling = serializer.StringEscapeHandling;
                    json.FloatFormatHandling = serializer.FloatFormatHandling;
                    json.Culture = serializer.Culture;
                    flat.Write(json, body, serializer);
                }
                else
                {
                    serializer.Serialize(json, body, typeof(T));
                }
            }

            var text = writer._chars.AsSpan(0, writer._length);
            var bytes = new byte[Encoding.UTF8.GetByteCount(text)];
            Encoding.UTF8.GetBytes(text, bytes);
            return bytes;
        }
        finally
        {
            if (!ReferenceEquals(writer._chars, writer._kept))
            {
                ArrayPool<char>.Shared.Return(writer._chars);
                writer._chars = writer._kept;
            }

            writer._length = 0;
            t_cached = writer;
        }
    }

    public override void Write(char value)
    {
        if (_length == _chars.Length)
        {
            Grow(1);
        }

        _chars[_length++] = value;
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (_chars.Length - _length < buffer.Length)
        {
            Grow(buffer.Length);
        }

        buffer.CopyTo(_chars.AsSpan(_length));
        _length += buffer.Length;
    }

    private void Grow(int needed)
    {
        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + needed));
        _chars.AsSpan(0, _length).CopyTo(larger);
        if (!ReferenceEquals(_chars, _kept))
        {
            ArrayPool<char>.Shared.Return(_chars);
        }

        _chars = larger;
    }
}
