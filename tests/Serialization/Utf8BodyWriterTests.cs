using System.Text;
using Newtonsoft.Json;

namespace Agora.Signaling.Tests.Serialization;

/// <summary>A request body written straight to UTF-8 must be the bytes the string route (StringWriter, then UTF-8) gave.</summary>
public sealed class Utf8BodyWriterTests
{
    public static TheoryData<string> Payloads() => new()
    {
        "Hello",
        "héllo wörld ✓ 𝄞 \"quoted\" \\ \n\t\u0001",
        "lone \ud800 high and \udc00 low surrogates",
        string.Concat(Enumerable.Repeat("𝄞é", 20_000)),
        new string('x', 40_000),
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_body_is_the_bytes_of_its_JSON_text(string payload)
    {
        var settings = new JsonSerializerSettings();
        var body = new PeerMessageRequest { Destination = "userB", Payload = payload };
        var serializer = RestResponseReader.SerializerFor(settings);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        serializer.Serialize(text, body, typeof(PeerMessageRequest));

        // Twice: the second call reuses the thread's writer, which must start empty.
        Utf8BodyWriter.Serialize(serializer, body).Should().Equal(Encoding.UTF8.GetBytes(text.ToString()));
        Utf8BodyWriter.Serialize(serializer, body).Should().Equal(Encoding.UTF8.GetBytes(text.ToString()));
    }

    [Fact]
    public async Task A_body_is_sent_with_its_length_and_declared_as_UTF_8()
    {
        using var content = RestCall.JsonContent(new PeerMessageRequest { Destination = "b", Payload = "é" }, new JsonSerializerSettings());

        content.Headers.ContentLength.Should().Be(Encoding.UTF8.GetByteCount("""{"destination":"b","payload":"é"}"""));
        content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8");
        (await content.ReadAsStringAsync()).Should().Be("""{"destination":"b","payload":"é"}""");
    }
}
