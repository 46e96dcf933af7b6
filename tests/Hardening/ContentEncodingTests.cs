using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Agora.Signaling.Tests.Hardening;

public sealed class ContentEncodingTests
{
    private const string Events = """{"result":"success","request_id":"enc-1","events":[{"user_id":"alice","type":"Login","ms":1700000000000}]}""";

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task A_compressed_answer_is_decompressed_by_the_clients_own_transport(string encoding)
    {
        string? acceptEncoding = null;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            acceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
            return WriteCompressedAsync(context, encoding, Encoding.UTF8.GetBytes(Events));
        });
        using var client = new SignalingClient(server.Options());

        var response = await client.GetUserEventsAsync();

        response.RequestId.Should().Be("enc-1");
        response.Events.Should().ContainSingle().Which.UserId.Should().Be("alice");
        acceptEncoding.Should().Contain("gzip").And.Contain("deflate");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task A_compressed_answer_is_decompressed_by_a_client_from_dependency_injection(string encoding)
    {
        string? acceptEncoding = null;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            acceptEncoding = context.Request.Headers.AcceptEncoding.ToString();
            return WriteCompressedAsync(context, encoding, Encoding.UTF8.GetBytes(Events));
        });
        var services = new ServiceCollection();
        server.AddSignaling(services);
        await using var provider = services.BuildServiceProvider();

        var response = await provider.GetRequiredService<ISignalingClient>().GetUserEventsAsync();

        response.Events.Should().ContainSingle().Which.UserId.Should().Be("alice");
        acceptEncoding.Should().Contain("gzip");
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_by_the_cap_on_its_decompressed_size()
    {
        // 64 MB of JSON whitespace compresses to about 64 KB, far below the cap as sent.
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write("{\"result\":\"success\",\"events\":[]"u8);
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (int i = 0; i < 64; i++)
            {
                gzip.Write(spaces);
            }

            gzip.Write("}"u8);
        }

        byte[] compressed = bomb.ToArray();
        compressed.Length.Should().BeLessThan(1024 * 1024);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers["x-request-id"] = "bomb-1";
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = compressed.Length;
            await context.Response.Body.WriteAsync(compressed);
        });
        using var client = new SignalingClient(server.Options());

        var error = (await FluentActions.Awaiting(() => client.GetChannelEventsAsync()).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(200);
        error.RequestId.Should().Be("bomb-1");
        error.Reason.Should().Be("The response body is larger than MaxResponseBodySize (4194304 bytes).");
    }

    [Fact]
    public async Task A_body_that_claims_gzip_but_is_not_gives_the_typed_exception()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.Headers["x-request-id"] = "liar-1";
            return context.Response.WriteAsync(Events);
        });
        using var client = new SignalingClient(server.Options());

        var error = (await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(200);
        error.RequestId.Should().Be("liar-1");
        error.Reason.Should().Be("The response body could not be decompressed as its Content-Encoding says.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/html")]
    [InlineData("text/plain; charset=iso-8859-1")]
    [InlineData("application/octet-stream")]
    [InlineData("application/json; charset=no-such-charset")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task Valid_json_is_read_whatever_the_content_type(string? contentType)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            if (contentType is not null)
            {
                context.Response.Headers.ContentType = contentType;
            }

            return context.Response.WriteAsync(Events);
        });
        using var client = new SignalingClient(server.Options());

        var response = await client.GetUserEventsAsync();

        response.Events.Should().ContainSingle().Which.UserId.Should().Be("alice");
    }

    [Theory]
    [InlineData("application/json;charset=utf-8", "utf-8")]
    [InlineData("application/json; charset=UTF-8", "utf-8")]
    [InlineData("application/json", "utf-8")]
    [InlineData("application/json; charset=iso-8859-1", "iso-8859-1")]
    [InlineData("application/json;charset=utf-16", "utf-16")]
    public async Task Text_is_decoded_by_the_charset_the_answer_declares(string contentType, string encoding)
    {
        byte[] body = System.Text.Encoding.GetEncoding(encoding).GetBytes("""{"result":"success","events":[{"user_id":"élise","type":"Login","ms":1}]}""");
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Headers.ContentType = contentType;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        using var client = new SignalingClient(server.Options());

        var response = await client.GetUserEventsAsync();

        response.Events.Should().ContainSingle().Which.UserId.Should().Be("élise");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=no-such-charset")]
    [InlineData("text/html")]
    public async Task An_html_page_on_a_success_status_gives_the_typed_exception(string contentType)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.Headers.ContentType = contentType;
            context.Response.Headers["x-request-id"] = "html-1";
            return context.Response.WriteAsync("<html><body><h1>Welcome to nginx!</h1></body></html>");
        });
        using var client = new SignalingClient(server.Options());

        var error = (await FluentActions.Awaiting(() => client.SendPeerMessageAsync("a", "b", "hello")).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.Should().NotBeOfType<SignalingOutcomeUnknownException>();
        error.Status.Should().Be(200);
        error.RequestId.Should().Be("html-1");
        error.Reason.Should().Contain("JSON");
        error.ResponseBody.Should().Contain("nginx");
    }

    [Fact]
    public async Task A_chunked_answer_written_in_pieces_is_read_whole()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            foreach (var piece in Events.Chunk(7))
            {
                await context.Response.WriteAsync(new string(piece));
                await context.Response.Body.FlushAsync();
            }
        });
        using var client = new SignalingClient(server.Options());

        var response = await client.GetUserEventsAsync();

        response.Events.Should().ContainSingle().Which.Kind.Should().Be(UserEventKind.Login);
    }

    [Fact]
    public async Task An_error_page_with_an_unknown_charset_still_gives_the_typed_exception_and_logs_its_body()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 502;
            context.Response.Headers.ContentType = "text/html; charset=x-unknown";
            context.Response.Headers["x-request-id"] = "cs-1";
            return context.Response.WriteAsync("<html>Bad gateway</html>");
        });
        var options = server.Options();
        options.EnableResponseBodyLogging = true;
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        options.LoggerFactory = loggerFactory;
        using var client = new SignalingClient(options);

        var error = (await FluentActions.Awaiting(() => client.GetMessageHistoryAsync("u", HistoryChannelType.Message, "c")).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(502);
        error.RequestId.Should().Be("cs-1");
        error.ResponseBody.Should().Be("<html>Bad gateway</html>");
        collector.GetSnapshot().Should().Contain(r => r.Id.Id == 1007 && r.Message.Contains("Bad gateway"));
    }

    private static async Task WriteCompressedAsync(HttpContext context, string encoding, byte[] body)
    {
        var compressed = new MemoryStream();
        using (Stream compressor = encoding == "gzip"
            ? new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true)
            : new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            compressor.Write(body);
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentEncoding = encoding;
        await context.Response.Body.WriteAsync(compressed.ToArray());
    }
}
