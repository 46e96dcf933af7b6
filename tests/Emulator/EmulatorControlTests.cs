using System.Net;
using System.Text;
using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Emulator;

/// <summary>The control surface under /_emulator/, as openapi/emulator-control.yaml describes it, over real HTTP.</summary>
public sealed class EmulatorControlTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private readonly HttpClient _http = new();

    [Fact]
    public async Task Credentials_are_read_without_a_credential()
    {
        var answer = await GetJsonAsync("_emulator/credentials");

        answer.ToString().Should().Be(CredentialsJson.Of(_emulator.Endpoint, new SignalingEmulatorOptions()), "the emulator runs with the default settings");
    }

    [Fact]
    public async Task Queued_user_and_channel_events_are_pulled_through_the_api()
    {
        (await PostAsync("_emulator/user-events", """{"userId":"alice","type":"Login","ms":5}""")).Should().Be("""{"queued":1,"pending":1}""");
        (await PostAsync("_emulator/user-events", """[{"userId":"bob","type":"Login"},{"userId":"bob","type":"Logout"}]""")).Should().Be("""{"queued":2,"pending":3}""");
        await PostAsync("_emulator/channel-events", """{"channelName":"lobby","userId":"alice","type":"Join","ms":7}""");
        using var client = _emulator.CreateClient();

        var users = await client.GetUserEventsAsync();
        var channels = await client.GetChannelEventsAsync();

        users.Events!.Select(e => (e.UserId, e.Type)).Should().Equal(("alice", "Login"), ("bob", "Login"), ("bob", "Logout"));
        users.Events![0].Ms.Should().Be(5);
        channels.Events.Should().ContainSingle().Which.Should().BeEquivalentTo(new { GroupId = "lobby", UserId = "alice", Type = "Join", Ms = 7L });
    }

    [Fact]
    public async Task Seeded_history_is_read_through_the_history_api_and_the_control_surface()
    {
        string stored = await PostAsync("_emulator/history", """
            {"channelType":"message","channelName":"lobby","messages":[
              {"publisher":"carol","message":"first","timestamp":1000},
              {"publisher":"bob","message":"second","timestamp":2000,"customType":"greeting"}]}
            """);
        using var client = _emulator.CreateClient();

        var history = await client.GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby");
        var listed = await GetJsonAsync("_emulator/history?channelType=message&channelName=lobby");

        stored.Should().Be("""{"stored":2}""");
        history.Data!.MessageList!.Select(m => m.Message).Should().Equal("second", "first");
        history.Data.MessageList![0].CustomType.Should().Be("greeting");
        listed["messages"]!.Select(m => m["publisher"]!.Value<string>()).Should().Equal("bob", "carol");
    }

    [Fact]
    public async Task Recorded_messages_are_listed_with_an_optional_kind()
    {
        using var client = _emulator.CreateClient();
        await client.SendPeerMessageAsync("server", "alice", "to alice");
        await client.SendChannelMessageAsync("server", "lobby", "to lobby", new ChannelMessageOptions { EnableHistoricalMessaging = true });

        var all = await GetJsonAsync("_emulator/messages");
        var channel = await GetJsonAsync("_emulator/messages?kind=channel");

        all["messages"]!.Select(m => m["kind"]!.Value<string>()).Should().Equal("peer", "channel");
        channel["messages"]!.Should().ContainSingle().Which.ToString().Should().Be(JObject.Parse(
            $$"""
            {"kind":"channel","fromUserId":"server","destination":"lobby","payload":"to lobby","waitForAck":false,
             "enableHistoricalMessaging":true,"enableOfflineMessaging":false,
             "requestId":"{{_emulator.ChannelMessages[0].RequestId}}","receivedAt":{{_emulator.ChannelMessages[0].ReceivedAt}}}
            """).ToString());
    }

    [Fact]
    public async Task Recorded_publishes_are_listed_and_reset_forgets_them()
    {
        using var client = _emulator.CreateClient();
        await client.PublishAsync("Max", PublishChannelType.User, "alice", """{"text":"hi"}""", new PublishOptions { StoreInHistory = true, CustomType = "text" });
        var recorded = _emulator.Publishes.Single();

        var listed = await GetJsonAsync("_emulator/publishes");
        _emulator.Reset();
        var afterReset = await GetJsonAsync("_emulator/publishes");

        listed["publishes"]!.Should().ContainSingle().Which.ToString().Should().Be(JObject.Parse(
            $$"""
            {"publisher":"Max","channelType":"user","channelName":"alice","message":"{\"text\":\"hi\"}","storeInHistory":true,
             "customType":"text","requestId":"{{recorded.RequestId}}","receivedAt":{{recorded.ReceivedAt}}}
            """).ToString());
        afterReset["publishes"]!.Should().BeEmpty();
        _emulator.Publishes.Should().BeEmpty();
    }

    [Fact]
    public async Task An_online_user_acknowledges_a_peer_message()
    {
        using var response = await _http.PostAsync(Url("_emulator/online-users"), Json("""{"userId":"alice","online":true}"""));
        using var client = _emulator.CreateClient();

        var sent = await client.SendPeerMessageAsync("server", "alice", "hi", new PeerMessageOptions { WaitForAck = true });

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        sent.Status.Should().Be(MessageDeliveryStatus.Delivered);
    }

    [Fact]
    public async Task Queued_faults_answer_the_next_api_requests_but_never_the_control_surface()
    {
        (await PostAsync("_emulator/faults", """[{"kind":"status","status":429,"retryAfterSeconds":2},{"kind":"drop"}]""")).Should().Be("""{"queued":2,"pending":2}""");

        await GetJsonAsync("_emulator/credentials");
        using var limited = await _http.SendAsync(BasicRequest(HttpMethod.Get, UserEventsPath()));
        var dropped = async () => await _http.SendAsync(BasicRequest(HttpMethod.Get, UserEventsPath()));
        await dropped.Should().ThrowAsync<HttpRequestException>();
        using var served = await _http.SendAsync(BasicRequest(HttpMethod.Get, UserEventsPath()));

        limited.StatusCode.Should().Be((HttpStatusCode)429);
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        served.StatusCode.Should().Be(HttpStatusCode.OK);
        _emulator.FaultsInjected.Should().Be(2);
    }

    [Fact]
    public async Task A_slow_fault_holds_the_answer()
    {
        await PostAsync("_emulator/faults", """{"kind":"slow","delayMs":300}""");
        var started = System.Diagnostics.Stopwatch.StartNew();

        using var response = await _http.SendAsync(BasicRequest(HttpMethod.Get, UserEventsPath()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        started.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task Reset_forgets_messages_events_history_and_faults()
    {
        using var client = _emulator.CreateClient();
        await client.SendChannelMessageAsync("server", "lobby", "hi", new ChannelMessageOptions { EnableHistoricalMessaging = true });
        _emulator.EnqueueUserEvent("alice", "Login");
        _emulator.InjectFaults(EmulatorFault.Status(503));

        using var response = await _http.PostAsync(Url("_emulator/reset"), null);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _emulator.Messages.Should().BeEmpty();
        _emulator.PendingUserEventCount.Should().Be(0);
        _emulator.GetHistory(HistoryChannelType.Message, "lobby").Should().BeEmpty();
        (await client.GetUserEventsAsync()).Events.Should().BeEmpty("the queued 503 is gone too");
    }

    [Theory]
    [InlineData("_emulator/user-events", "not json", "The body must be JSON")]
    [InlineData("_emulator/user-events", """{"userId":"alice"}""", "type is required and must be a non-empty string")]
    [InlineData("_emulator/channel-events", "[1]", "each item must be a channel event object")]
    [InlineData("_emulator/history", """{"channelType":"group","channelName":"c","messages":[]}""", "channelType must be message or user")]
    [InlineData("_emulator/faults", """{"kind":"status","status":200}""", "status must be from 400 to 599")]
    [InlineData("_emulator/faults", """{"kind":"explode"}""", "kind must be status, slow or drop")]
    public async Task Malformed_control_requests_get_400_with_the_reason(string path, string body, string reason)
    {
        using var response = await _http.PostAsync(Url(path), Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JObject.Parse(await response.Content.ReadAsStringAsync())["error"]!.Value<string>().Should().Be(reason);
        _emulator.PendingUserEventCount.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_control_operation_is_404_and_the_api_still_needs_a_credential()
    {
        using var unknown = await _http.GetAsync(Url("_emulator/nothing"));
        using var anonymous = await _http.GetAsync(Url(UserEventsPath()));

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        _http.Dispose();
        _emulator.Dispose();
    }

    private string UserEventsPath() => $"dev/v2/project/{_emulator.AppId}/rtm/vendor/user_events";

    private Uri Url(string relative) => new(_emulator.Endpoint, relative);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private HttpRequestMessage BasicRequest(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, Url(relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_emulator.CustomerId}:{_emulator.CustomerSecret}")));
        return request;
    }

    private async Task<JObject> GetJsonAsync(string relative)
    {
        using var response = await _http.GetAsync(Url(relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> PostAsync(string relative, string body)
    {
        using var response = await _http.PostAsync(Url(relative), Json(body));
        string text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return text;
    }
}
