using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Hardening;

public sealed class HostileBodyTests(HostileBodyTests.Host fixture) : IClassFixture<HostileBodyTests.Host>
{
    private const string RequestIdHeader = "hdr-hostile-7";

    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["html page"] = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
        ["plain text"] = "Service Unavailable",
        ["empty"] = string.Empty,
        ["truncated json"] = """{"result":"succ""",
        ["array"] = "[1,2]",
        ["null"] = "null",
        ["wrong types"] = """{"result":123,"request_id":{},"code":[],"events":{},"data":"x","error":"yes"}""",
        ["json string"] = "\"ok\"",
        ["10,000 nested arrays"] = new string('[', 10_000) + new string(']', 10_000),
        ["10,000 nested objects"] = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000),
        ["2 MB string"] = "{\"result\":\"failed\",\"reason\":\"" + new string('r', 2 * 1024 * 1024) + "\\r\\nforged\"}",
    };

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (string operation in new[] { "SendPeerMessage", "SendChannelMessage", "GetUserEvents", "GetChannelEvents", "GetMessageHistory" })
        {
            foreach (int status in new[] { 200, 201, 204, 400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504 })
            {
                foreach (string body in Bodies.Keys)
                {
                    data.Add(operation, status, body);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_body_on_any_status_gives_the_typed_exception_with_status_and_request_id(string operation, int status, string bodyName)
    {
        string body = status == 204 ? string.Empty : Bodies[bodyName];
        fixture.Answer(status, body, "application/json");

        var (result, thrown) = await Capture(() => Call(operation));

        if (thrown is null)
        {
            // Only a JSON object on the documented success status may read as an answer.
            status.Should().Be(200);
            body.Should().StartWith("{");
            result.Should().NotBeNull();
            return;
        }

        var error = thrown.Should().BeAssignableTo<SignalingException>($"{thrown.GetType().Name} must not escape: {thrown.Message}").Subject;
        error.Status.Should().Be(status);
        error.Operation.Should().Be(operation);
        error.RequestId.Should().Be(RequestIdHeader);
        error.Message.Should().NotContainAny("\r", "\n").And.Contain(RequestIdHeader);
        error.Message.Length.Should().BeLessThan(2000);
        bool sendLeftUnknown = operation.StartsWith("Send", StringComparison.Ordinal) && status is 408 or 500 or 502 or 503 or 504;
        (error is SignalingOutcomeUnknownException).Should().Be(sendLeftUnknown);
    }

    [Theory]
    [InlineData("SendPeerMessage")]
    [InlineData("SendChannelMessage")]
    [InlineData("GetUserEvents")]
    [InlineData("GetChannelEvents")]
    [InlineData("GetMessageHistory")]
    public async Task An_empty_object_on_200_reads_as_an_answer_with_nothing_set(string operation)
    {
        fixture.Answer(200, "{}", "application/json");

        object result = await Call(operation);

        switch (result)
        {
            case SendMessageResponse send:
                send.Result.Should().BeNull();
                send.Status.Should().Be(MessageDeliveryStatus.Unknown);
                break;
            case UserEventsResponse users:
                users.Events.Should().BeEmpty();
                break;
            case ChannelEventsResponse channels:
                channels.Events.Should().BeEmpty();
                break;
            case MessageHistoryResponse history:
                history.Data.Should().BeNull();
                break;
            default:
                throw new InvalidOperationException(result.GetType().Name);
        }
    }

    [Fact]
    public async Task Null_entries_in_lists_are_dropped_rather_than_handed_over()
    {
        fixture.Answer(200, """{"result":"success","events":[null,{"user_id":"alice","type":"Login","ms":1},null]}""", "application/json");
        (await fixture.Client.GetUserEventsAsync()).Events.Should().ContainSingle().Which.UserId.Should().Be("alice");
        (await fixture.Client.GetChannelEventsAsync()).Events.Should().ContainSingle().Which.UserId.Should().Be("alice");

        fixture.Answer(200, """{"error":false,"data":{"messageList":[null,{"messageType":"STRING","message":"hi","publisher":"bob","timestamp":1}],"newStart":0}}""", "application/json");
        var pages = new List<MessageHistoryPage>();
        await foreach (var page in fixture.Client.GetMessageHistoryPagesAsync("u", HistoryChannelType.Message, "c"))
        {
            pages.Add(page);
        }

        pages.Should().ContainSingle().Which.MessageList.Should().ContainSingle().Which.Message.Should().Be("hi");
        (await fixture.Client.GetMessageHistoryAsync("u", HistoryChannelType.Message, "c")).Data!.MessageList.Should().ContainSingle();
    }

    [Fact]
    public async Task A_200_whose_result_is_failed_takes_the_request_id_from_the_header_when_the_body_has_none()
    {
        fixture.Answer(200, """{"result":"failed","code":"bad"}""", "application/json");

        var error = (await FluentActions.Awaiting(() => fixture.Client.SendPeerMessageAsync("a", "b", "hi")).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.RequestId.Should().Be(RequestIdHeader);
        error.Attempts.Should().ContainSingle().Which.Status.Should().Be(200);
    }

    private static async Task<(object? Result, Exception? Thrown)> Capture(Func<Task<object>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (Exception exception)
        {
            return (null, exception);
        }
    }

    private async Task<object> Call(string operation)
    {
        var client = fixture.Client;
        return operation switch
        {
            "SendPeerMessage" => await client.SendPeerMessageAsync("userA", "userB", "hello"),
            "SendChannelMessage" => await client.SendChannelMessageAsync("userA", "channelA", "hello"),
            "GetUserEvents" => await client.GetUserEventsAsync(),
            "GetChannelEvents" => await client.GetChannelEventsAsync(),
            "GetMessageHistory" => await client.GetMessageHistoryAsync("userA", HistoryChannelType.Message, "channelA"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    /// <summary>One WireMock server for the whole matrix; each case replaces the single answer.</summary>
    public sealed class Host : IDisposable
    {
        private readonly WireMockHost _host = new();

        public SignalingClient Client => _host.Client;

        public void Answer(int status, string body, string contentType)
        {
            _host.Server.ResetMappings();
            _host.Server.Given(Request.Create().UsingAnyMethod())
                .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithHeader("x-request-id", RequestIdHeader).WithBody(body));
        }

        public void Dispose() => _host.Dispose();
    }
}
