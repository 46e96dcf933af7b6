using System.Text;
using Agora.Signaling.Tests.Client.Infrastructure;
using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

public sealed class HistoryContractTests : IDisposable
{
    private readonly WireMockHost _host = new();

    [Fact]
    public async Task History_is_read_with_camel_case_path_and_query_as_documented()
    {
        StubHistory("Tony", "message", "chatroom", DocumentedExamples.ResponseBody("history-v2-two-messages"));

        var response = await _host.Client.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom", start: 17809876, end: 1781000, messageCount: 100);

        var sent = _host.Recorder.Single;
        sent.Method.Should().Be("GET");
        sent.RawPath.Should().Be($"/rtm/v2/history/{WireMockHost.AppId}/userId/Tony/channelType/message/channel/chatroom");
        sent.RawQuery.Should().Be("?start=17809876&end=1781000&messageCount=100");
        sent.Headers["Authorization"].Should().Be(WireMockHost.ExpectedBasicHeader);
        sent.Headers["Accept"].Should().Be("application/json");

        response.Error.Should().BeFalse();
        response.ErrorCode.Should().Be(200);
        response.RequestId.Should().Be("1121_1234231");
        response.Operation.Should().Be("getMessage");
        response.Timestamp.Should().Be(1234567);
        response.Data!.Count.Should().Be(2);
        response.Data.NewStart.Should().Be(1234567892);
        var messages = response.Data.MessageList!;
        messages[0].Should().BeEquivalentTo(new { MessageType = "STRING", Kind = HistoryMessageKind.String, Message = "Hello, how are you?", CustomType = "text", Publisher = "Tony", Timestamp = 1234567890L });
        messages[1].Kind.Should().Be(HistoryMessageKind.Binary);
        Encoding.UTF8.GetString(messages[1].GetContentBytes()).Should().Be("Hello World");
    }

    [Theory]
    [InlineData("2026-11-28T12:00:00Z")]
    [InlineData("2026-11-28T12:00:00.1234567+08:00")]
    [InlineData("/Date(1764331200000)/")]
    public async Task A_message_that_looks_like_a_date_comes_back_exactly_as_sent(string text)
    {
        // Newtonsoft reads date-like strings as dates by default and writes them back in another format.
        var body = new JObject
        {
            ["errorCode"] = 200,
            ["error"] = false,
            ["requestId"] = text,
            ["data"] = new JObject
            {
                ["messageList"] = new JArray(new JObject { ["messageType"] = "STRING", ["message"] = text, ["customType"] = text, ["publisher"] = "Tony", ["timestamp"] = 1 }),
                ["count"] = 1,
                ["newStart"] = 0,
            },
        };
        StubHistory("Tony", "message", "chatroom", body.ToString(Newtonsoft.Json.Formatting.None));

        var response = await _host.Client.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");

        response.RequestId.Should().Be(text);
        response.Data!.MessageList!.Single().Should().BeEquivalentTo(new { Message = text, CustomType = text });
    }

    [Fact]
    public async Task The_history_api_uses_its_own_endpoint()
    {
        using var historyHost = new WireMockHost();
        var options = _host.Options;
        options.HistoryEndpoint = historyHost.Endpoint;
        using var client = new SignalingClient(options, _host.Recorder);
        historyHost.Server
            .Given(Request.Create().UsingGet().WithPath($"/rtm/v2/history/{WireMockHost.AppId}/userId/Tony/channelType/user/channel/Alice"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(DocumentedExamples.ResponseBody("history-v2-one-message")));

        var response = await client.GetMessageHistoryAsync("Tony", HistoryChannelType.User, "Alice");

        response.Data!.MessageList.Should().ContainSingle();
        historyHost.Server.LogEntries.Should().ContainSingle();
        _host.Server.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task The_pager_follows_newStart_until_it_is_zero()
    {
        StubPage(start: "0", body: Page(newStart: 300, "m1", "m2"));
        StubPage(start: "300", body: Page(newStart: 200, "m3", "m4"));
        StubPage(start: "200", body: Page(newStart: 0, "m5"));

        var pages = new List<MessageHistoryPage>();
        await foreach (var page in _host.Client.GetMessageHistoryPagesAsync("Tony", HistoryChannelType.Message, "chatroom", messageCount: 2))
        {
            pages.Add(page);
        }

        pages.SelectMany(p => p.MessageList!).Select(m => m.Message).Should().Equal("m1", "m2", "m3", "m4", "m5");
        _host.Recorder.Requests.Select(r => r.RawQuery).Should().Equal(
            "?start=0&end=0&messageCount=2", "?start=300&end=0&messageCount=2", "?start=200&end=0&messageCount=2");
    }

    [Fact]
    public async Task The_pager_requests_a_page_only_when_the_previous_one_is_consumed()
    {
        StubPage(start: "0", body: Page(newStart: 300, "m1"));
        StubPage(start: "300", body: Page(newStart: 0, "m2"));

        await foreach (var page in _host.Client.GetMessageHistoryPagesAsync("Tony", HistoryChannelType.Message, "chatroom"))
        {
            break;
        }

        _host.Recorder.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task The_pager_stops_with_an_error_when_newStart_does_not_advance()
    {
        StubPage(start: "0", body: Page(newStart: 300, "m1"));
        StubPage(start: "300", body: Page(newStart: 300, "m2"));

        var act = async () =>
        {
            await foreach (var page in _host.Client.GetMessageHistoryPagesAsync("Tony", HistoryChannelType.Message, "chatroom"))
            {
            }
        };

        (await act.Should().ThrowAsync<SignalingServiceException>()).Which.Reason.Should().Contain("newStart 300");
        _host.Recorder.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_null_data_on_success_reads_as_no_messages()
    {
        StubHistory("Tony", "message", "chatroom", """{"errorCode":200,"error":false,"requestId":"1","data":null}""");

        var pages = new List<MessageHistoryPage>();
        await foreach (var page in _host.Client.GetMessageHistoryPagesAsync("Tony", HistoryChannelType.Message, "chatroom"))
        {
            pages.Add(page);
        }

        pages.Should().ContainSingle().Which.MessageList.Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_message_types_are_kept_as_text()
    {
        StubHistory("Tony", "message", "chatroom", """{"errorCode":200,"error":false,"requestId":"1","data":{"messageList":[{"messageType":"JSON","message":"{}","publisher":"p","timestamp":1}],"count":1,"newStart":0}}""");

        var response = await _host.Client.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");

        response.Data!.MessageList![0].Kind.Should().Be(HistoryMessageKind.Unknown);
        response.Data.MessageList[0].MessageType.Should().Be("JSON");
    }

    [Fact]
    public async Task Date_like_strings_are_read_exactly_as_sent()
    {
        StubHistory("Tony", "message", "chatroom", """{"errorCode":200,"error":false,"requestId":"2019-08-01T01:22:10Z","data":{"messageList":[{"messageType":"STRING","message":"2019-08-01T01:22:10Z","publisher":"p","timestamp":1}],"count":1,"newStart":0}}""");

        var response = await _host.Client.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");

        response.RequestId.Should().Be("2019-08-01T01:22:10Z");
        response.Data!.MessageList![0].Message.Should().Be("2019-08-01T01:22:10Z");
    }

    public void Dispose() => _host.Dispose();

    private static string Page(long newStart, params string[] messages) => new JObject
    {
        ["errorCode"] = 200,
        ["error"] = false,
        ["requestId"] = "r",
        ["data"] = new JObject
        {
            ["messageList"] = new JArray(messages.Select(m => new JObject { ["messageType"] = "STRING", ["message"] = m, ["publisher"] = "p", ["timestamp"] = 1 })),
            ["count"] = messages.Length,
            ["newStart"] = newStart,
        },
    }.ToString();

    private void StubPage(string start, string body) =>
        _host.Server
            .Given(Request.Create().UsingGet().WithPath($"/rtm/v2/history/{WireMockHost.AppId}/userId/Tony/channelType/message/channel/chatroom").WithParam("start", start))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body));

    private void StubHistory(string user, string type, string channel, string body) =>
        _host.Server
            .Given(Request.Create().UsingGet().WithPath($"/rtm/v2/history/{WireMockHost.AppId}/userId/{user}/channelType/{type}/channel/{channel}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}
