using System.Net.Http.Headers;
using System.Text;

namespace Agora.Signaling.Tests.Serialization;

/// <summary>The JSON reader is fed text decoded into a pooled buffer; it must be the text HttpContent itself would give.</summary>
public sealed class PooledTextReaderTests
{
    public static TheoryData<byte[], string?> Bodies()
    {
        const string Text = """{"message":"héllo wörld ✓ 𝄞","n":1}""";
        byte[] utf8 = Encoding.UTF8.GetBytes(Text);
        return new TheoryData<byte[], string?>
        {
            { utf8, null },
            { utf8, "utf-8" },
            { utf8, "\"utf-8\"" },
            { [0xEF, 0xBB, 0xBF, .. utf8], null },
            { [0xEF, 0xBB, 0xBF, .. utf8], "utf-8" },
            { [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Text)], null },
            { [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Text)], null },
            { [0xFF, 0xFE, 0x00, 0x00, .. Encoding.UTF32.GetBytes(Text)], null },
            { Encoding.Latin1.GetBytes("""{"message":"café"}"""), "iso-8859-1" },
            { [0x7B, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], null },
            { [], null },
            { Encoding.UTF8.GetBytes(new string('x', 200_000)), "utf-8" },
        };
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Decodes_a_body_as_HttpContent_does(byte[] body, string? charset)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = charset };
        string expected = await content.ReadAsStringAsync();
        var declared = charset is null ? null : Encoding.GetEncoding(charset.Trim('"'));

        using var reader = PooledTextReader.Decode(new MemoryStream(body, writable: false), declared);

        reader.ReadToEnd().Should().Be(expected);
    }

    [Fact]
    public void Reads_in_pieces_and_peeks_without_moving()
    {
        using var reader = PooledTextReader.Decode(new MemoryStream(Encoding.UTF8.GetBytes("abcdef")), null);
        var buffer = new char[4];

        reader.Peek().Should().Be('a');
        reader.Read(buffer, 0, 4).Should().Be(4);
        new string(buffer).Should().Be("abcd");
        reader.Read().Should().Be('e');
        reader.Read(buffer, 0, 4).Should().Be(1);
        reader.Read().Should().Be(-1);
        reader.Peek().Should().Be(-1);
    }

    [Fact]
    public void A_disposed_reader_refuses_to_read_instead_of_reading_a_returned_buffer()
    {
        var reader = PooledTextReader.Decode(new MemoryStream(Encoding.UTF8.GetBytes("abc")), null);
        reader.Dispose();
        reader.Dispose();

        var act = () => reader.Read();

        act.Should().Throw<ObjectDisposedException>();
    }
}
