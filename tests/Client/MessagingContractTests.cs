using Agora.Signaling.Tests.Client.Infrastructure;
using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

public sealed class MessagingContractTests : IDisposable
{
    private readonly WireMockHost _host = new();

    public static TheoryData<string, MessageDeliveryStatus> PeerExamples => new()
    {
        { "peer-message-sent", MessageDeliveryStatus.Sent },
        { "peer-message-delivered", MessageDeliveryStatus.Delivered },
        { "peer-message-offline", MessageDeliveryStatus.Offline },
    };

    [Theory]
    [MemberData(nameof(PeerExamples))]
    public async Task A_peer_message_goes_on_the_wire_as_documented_and_each_documented_answer_is_read(string exampleId, MessageDeliveryStatus expected)
    {
        StubPost("/rtm/users/userA/peer_messages", DocumentedExamples.ResponseBody(exampleId));

        var response = await _host.Client.SendPeerMessageAsync("userA", "userB", "Hello", new PeerMessageOptions
        {
            WaitForAck = true,
            EnableHistoricalMessaging = false,
            EnableOfflineMessaging = false,
        });

        var sent = _host.Recorder.Single;
        sent.Method.Should().Be("POST");
        sent.RawPath.Should().Be($"/dev/v2/project/{WireMockHost.AppId}/rtm/users/userA/peer_messages");
        sent.RawQuery.Should().Be("?wait_for_ack=true");
        sent.Headers["Authorization"].Should().Be(WireMockHost.ExpectedBasicHeader);
        sent.Headers["Content-Type"].Should().Be("application/json; charset=utf-8");
        sent.Headers["Accept"].Should().Be("application/json");
        JToken.DeepEquals(JToken.Parse(sent.Body!), DocumentedExamples.RequestBody(exampleId)).Should().BeTrue(sent.Body);

        response.Status.Should().Be(expected);
        response.RequestId.Should().Be("123");
        response.Code.Should().Be((string?)JObject.Parse(DocumentedExamples.ResponseBody(exampleId))["code"]);
    }

    [Fact]
    public async Task Without_options_a_peer_message_sends_only_the_required_fields_and_no_query()
    {
        StubPost("/rtm/users/userA/peer_messages", DocumentedExamples.ResponseBody("peer-message-sent"));

        await _host.Client.SendPeerMessageAsync("userA", "userB", "Hello");

        var sent = _host.Recorder.Single;
        sent.RawQuery.Should().BeEmpty();
        JObject.Parse(sent.Body!).Properties().Select(p => p.Name).Should().BeEquivalentTo("destination", "payload");
    }

    [Fact]
    public async Task A_channel_message_goes_on_the_wire_as_documented()
    {
        StubPost("/rtm/users/userA/channel_messages", DocumentedExamples.ResponseBody("channel-message-sent"));

        var response = await _host.Client.SendChannelMessageAsync("userA", "channelA", "Hello", new ChannelMessageOptions { EnableHistoricalMessaging = false });

        var sent = _host.Recorder.Single;
        sent.Method.Should().Be("POST");
        sent.RawPath.Should().Be($"/dev/v2/project/{WireMockHost.AppId}/rtm/users/userA/channel_messages");
        sent.RawQuery.Should().BeEmpty();
        sent.Headers["Authorization"].Should().Be(WireMockHost.ExpectedBasicHeader);
        JToken.DeepEquals(JToken.Parse(sent.Body!), DocumentedExamples.RequestBody("channel-message-sent")).Should().BeTrue(sent.Body);
        response.Status.Should().Be(MessageDeliveryStatus.Sent);
        response.Result.Should().Be("success");
    }

    [Theory]
    [InlineData("rtmtest_RTM_4852_4857w7%", "rtmtest_RTM_4852_4857w7%25")]
    [InlineData("a b", "a%20b")]
    [InlineData("#?[]{}|^<>", "%23%3F%5B%5D%7B%7D%7C%5E%3C%3E")]
    [InlineData("!$&()+,;=:@'", "%21%24%26%28%29%2B%2C%3B%3D%3A%40%27")]
    [InlineData("-._~", "-._~")]
    public async Task The_sender_is_percent_encoded_as_one_path_segment(string sender, string encoded)
    {
        // WireMock decodes '+' in paths as a space, so the stub matches any path; the recorder holds the exact one.
        _host.Server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(DocumentedExamples.ResponseBody("peer-message-sent")));

        await _host.Client.SendPeerMessageAsync(sender, "userB", "Hello");

        _host.Recorder.Single.RawPath.Should().Be($"/dev/v2/project/{WireMockHost.AppId}/rtm/users/{encoded}/peer_messages");
    }

    [Fact]
    public async Task A_payload_is_sent_as_utf8_json_unchanged()
    {
        const string Payload = "héllo \"quoted\" \\ 中文 😀 \u0001";
        StubPost("/rtm/users/userA/channel_messages", DocumentedExamples.ResponseBody("channel-message-sent"));

        await _host.Client.SendChannelMessageAsync("userA", "channelA", Payload);

        ((string?)JObject.Parse(_host.Recorder.Single.Body!)["payload"]).Should().Be(Payload);
    }

    [Theory]
    [InlineData("""{"result":"success","request_id":"9","code":"message_queued"}""", MessageDeliveryStatus.Unknown, "message_queued")]
    [InlineData("""{"result":"success","request_id":"9","code":"message delivered"}""", MessageDeliveryStatus.Delivered, "message delivered")]
    [InlineData("""{"request_id":"9"}""", MessageDeliveryStatus.Unknown, null)]
    [InlineData("""{"result":"success","request_id":9,"code":"message_sent","extra":{"new":true}}""", MessageDeliveryStatus.Sent, "message_sent")]
    public async Task Answers_are_read_tolerantly(string body, MessageDeliveryStatus status, string? code)
    {
        StubPost("/rtm/users/userA/peer_messages", body);

        var response = await _host.Client.SendPeerMessageAsync("userA", "userB", "Hello");

        response.Status.Should().Be(status);
        response.Code.Should().Be(code);
        response.RequestId.Should().Be("9");
    }

    public void Dispose() => _host.Dispose();

    private void StubPost(string pathAfterApp, string body) =>
        _host.Server
            .Given(Request.Create().UsingPost().WithPath($"/dev/v2/project/{WireMockHost.AppId}{Uri.UnescapeDataString(pathAfterApp)}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}
