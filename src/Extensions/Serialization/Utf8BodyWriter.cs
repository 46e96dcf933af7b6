using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Agora.Signaling;

/// <summary>
/// Writes a request body as UTF-8 JSON in one pass: Newtonsoft writes characters to this writer, which encodes them
/// at once into a buffer kept per thread. The body used to go through a <see cref="StringWriter"/>, a string, and
/// <see cref="StringContent"/>, which encoded it again.
/// </summary>
internal sealed class Utf8BodyWriter : TextWriter
{
    // A thread keeps its writer only while the buffer stays this small, so one large message does not pin memory.
    private const int KeptBufferSize = 16 * 1024;

    [ThreadStatic]
    private static Utf8BodyWriter? t_cached;

    // An encoder keeps a surrogate pair together when Newtonsoft writes its halves in two calls.
    private readonly Encoder _encoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetEncoder();
    private byte[] _buffer = new byte[512];
    private int _length;

    private Utf8BodyWriter()
        : base(CultureInfo.InvariantCulture)
    {
    }

    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Serializes <paramref name="body"/> and returns its UTF-8 bytes, exactly sized for a <see cref="ByteArrayContent"/>.</summary>
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

            writer.Encode([], flush: true);
            return writer._buffer.AsSpan(0, writer._length).ToArray();
        }
        finally
        {
            writer._length = 0;
            writer._encoder.Reset();
            if (writer._buffer.Length <= KeptBufferSize)
            {
                t_cached = writer;
            }
        }
    }

    public override void Write(char value) => Encode(new ReadOnlySpan<char>(in value), flush: false);

    public override void Write(char[] buffer, int index, int count) => Encode(buffer.AsSpan(index, count), flush: false);

    public override void Write(ReadOnlySpan<char> buffer) => Encode(buffer, flush: false);

    public override void Write(string? value) => Encode(value.AsSpan(), flush: false);

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        // Room for every character at its longest, and for a surrogate half held back from the last call.
        int needed = Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (_buffer.Length - _length < needed)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + needed));
        }

        _encoder.Convert(chars, _buffer.AsSpan(_length), flush, out _, out int written, out _);
        _length += written;
    }
}
