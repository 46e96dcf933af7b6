using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Agora.Signaling.Tests.Hardening;

public sealed class LogSanitisationTests
{
    // ESC sequences recolour or clear a terminal; CR, LF, NEL and the Unicode separators start forged lines.
    private const string HostileRequestIdHeader = "hdr\u001b[31mRED\u001b[0m\u0007\u007f-1";
    private const string HostileJson = """{"result":"failed","request_id":"body\r\n\u001b[31mFORGED","code":"c\u0085d","reason":"line1\r\n2019-01-01 INFO forged\u2028next\u2029para \u001b[2J"}""";

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\u2028', '\u2029']);

    public static TheoryData<int> Statuses => new() { 200, 400, 503 };

    [Theory]
    [MemberData(nameof(Statuses))]
    public async Task Control_characters_from_the_service_reach_neither_log_lines_nor_exception_messages(int status)
    {
        // Raw control characters in the body too, outside JSON escapes, for the response-body log line.
        string body = HostileJson + "\r\n\u001b[31mRAW\u001b[0m\u0000";
        byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
        byte[] head = Encoding.UTF8.GetBytes(
            $"HTTP/1.1 {status} Whatever\r\nContent-Type: application/json\r\nx-request-id: {HostileRequestIdHeader}\r\n" +
            $"Content-Length: {bodyBytes.Length}\r\nConnection: close\r\n\r\n");
        await using var server = await LoopbackServer.StartRawAsync([.. head, .. bodyBytes]);
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var options = server.Options();
        options.LoggerFactory = loggerFactory;
        options.EnableResponseBodyLogging = true;
        using var client = new SignalingClient(options);

        var error = (await FluentActions.Awaiting(() => client.SendPeerMessageAsync("a", "b", "hello")).Should().ThrowAsync<SignalingException>()).Which;

        var records = collector.GetSnapshot();
        records.Select(r => r.Id.Id).Should().Contain([1002, 1007], "the answer and its body were logged");
        records.Should().Contain(r => r.Id.Id == 1002 && r.Message.Contains("hdr [31mRED [0m"), "the request ID header is logged, defused");
        foreach (var record in records)
        {
            AssertSingleLine(record.Message);
            foreach (var (_, value) in record.StructuredState ?? [])
            {
                AssertSingleLine(value);
            }
        }

        AssertSingleLine(error.Message);
        error.Message.Should().Contain("FORGED").And.Contain("forged");
        error.Status.Should().Be(status);
    }

    [Fact]
    public async Task An_answer_without_a_request_ID_logs_none_rather_than_an_empty_gap()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, """{"result":"success","events":[]}""");
        });
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Information).AddProvider(new FakeLoggerProvider(collector)));
        var options = server.Options();
        options.LoggerFactory = loggerFactory;
        using var client = new SignalingClient(options);

        await client.GetUserEventsAsync();

        collector.GetSnapshot().Should().ContainSingle(r => r.Id.Id == 1002).Which.Message.Should().EndWith("request ID none)");
    }

    [Fact]
    public async Task A_configured_host_with_a_line_separator_stays_on_one_line()
    {
        // Uri accepts U+2028 in a host name; the transport fails at once, so nothing leaves the machine.
        var endpoint = new Uri("http://agora\u2028forged.invalid/");
        endpoint.Authority.Should().Contain("\u2028");
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        var options = new SignalingClientOptions
        {
            AppId = LoopbackServer.AppId,
            Endpoint = endpoint,
            HistoryEndpoint = endpoint,
            Credential = new BasicCredential("id", "secret"),
            FailoverEndpoints = [new Uri("http://second\u2029host.invalid/")],
            LoggerFactory = loggerFactory,
        };
        options.Retry.MaxRetries = 2; // the primary host is tried twice before the failover
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.RateLimits.Enabled = false;
        using var transport = new RefusingHandler();
        using var client = new SignalingClient(options, transport);

        var error = (await FluentActions.Awaiting(() => client.GetUserEventsAsync()).Should().ThrowAsync<SignalingTransportException>()).Which;

        var records = collector.GetSnapshot();
        records.Select(r => r.Id.Id).Should().Contain([1001, 1003, 1005]);
        foreach (var record in records)
        {
            AssertSingleLine(record.Message);
            foreach (var (_, value) in record.StructuredState ?? [])
            {
                AssertSingleLine(value);
            }
        }

        AssertSingleLine(error.Message);
        error.Attempts.Select(a => a.ToString()).Should().AllSatisfy(AssertSingleLine);
    }

    [Fact]
    public void The_log_sanitiser_replaces_every_line_breaking_character_and_bounds_the_length()
    {
        string hostile = "a\rb\nc\u0085d\u2028e\u2029f\u001bg\u0000h\u007fi\tj";

        SignalingLog.OneLine(hostile, 100).Should().Be("a b c d e f g h i j");
        SignalingLog.OneLine(new string('x', 300), 128).Should().HaveLength(128);
        const string Clean = "plain request id";
        SignalingLog.OneLine(Clean, 128).Should().BeSameAs(Clean, "clean text is logged as is, without a copy");
    }

    private static void AssertSingleLine(string? text)
    {
        if (text is null)
        {
            return;
        }

        int bad = text.AsSpan().IndexOfAny(Forbidden);
        bad.Should().Be(-1, $"no control or line-separator character may reach a log line or message, found U+{(bad < 0 ? 0 : text[bad]):X4} in: {text.Replace('\u001b', '?')}");
    }

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (test).");
    }
}
