using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.CrossLanguage;

/// <summary>
/// The emulator in a process of its own, driven with hand-built HTTP requests carrying the three header shapes
/// Agora's own samples send, as curl or a service in another language would.
/// </summary>
public sealed class RawHttpTests(EmulatorProcess emulator) : IClassFixture<EmulatorProcess>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = emulator.Url };

    [Fact]
    public void The_process_announces_itself_with_one_json_line_on_loopback()
    {
        emulator.AnnouncedLine.Should().StartWith("{\"url\":\"http://127.0.0.1:");
        emulator.Announcement.Properties().Select(p => p.Name).Should().Equal("url", "appId", "customerId", "customerSecret", "appCertificate");
    }

    [Fact]
    public async Task Basic_sends_a_peer_message_with_the_documented_body_and_the_control_surface_shows_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"dev/v2/project/{emulator.AppId}/rtm/users/basic-sender/peer_messages?wait_for_ack=false")
        {
            Content = new StringContent("""{"destination":"alice","enable_offline_messaging":false,"enable_historical_messaging":true,"payload":"hello"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.CustomerId}:{emulator.CustomerSecret}")));

        var answer = await SendAsync(request, HttpStatusCode.OK);
        var recorded = await GetControlAsync("messages?kind=peer");

        answer["result"]!.Value<string>().Should().Be("success");
        answer["code"]!.Value<string>().Should().Be("message_sent");
        recorded["messages"]!.Should().Contain(m => m["fromUserId"]!.Value<string>() == "basic-sender" && m["payload"]!.Value<string>() == "hello");
    }

    [Fact]
    public async Task An_access_token2_sends_as_its_own_user_only()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(emulator.AppId, emulator.AppCertificate, "token-user", TimeSpan.FromHours(1));

        var own = await SendAsync(TokenRequest("token-user", token), HttpStatusCode.OK);
        var other = await SendAsync(TokenRequest("someone-else", token), HttpStatusCode.Unauthorized);

        own["result"]!.Value<string>().Should().Be("success");
        other["result"]!.Value<string>().Should().Be("failed");
        other["reason"]!.Value<string>().Should().Contain("token's user");
    }

    [Fact]
    public async Task A_legacy_token_with_its_uid_pulls_events_queued_over_http()
    {
        string token = SignalingTokenBuilder.BuildLegacyAccessToken(emulator.AppId, emulator.AppCertificate, "legacy-user", TimeSpan.FromHours(1));
        await PostControlAsync("channel-events", """{"channelName":"raw-lobby","userId":"legacy-user","type":"Join","ms":42}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"dev/v2/project/{emulator.AppId}/rtm/vendor/channel_events");
        request.Headers.TryAddWithoutValidation("x-agora-token", token);
        request.Headers.TryAddWithoutValidation("x-agora-uid", "legacy-user");

        var answer = await SendAsync(request, HttpStatusCode.OK);

        answer["events"]!.Should().Contain(e => e["group_id"]!.Value<string>() == "raw-lobby" && e["ms"]!.Value<long>() == 42);
    }

    [Fact]
    public async Task History_seeded_over_http_is_paged_by_the_history_api_on_the_same_port()
    {
        await PostControlAsync("history", """{"channelType":"message","channelName":"raw-history","messages":[{"publisher":"carol","message":"one","timestamp":1000},{"publisher":"bob","message":"two","timestamp":2000}]}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"rtm/v2/history/{emulator.AppId}/userId/reader/channelType/message/channel/raw-history?messageCount=1");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.CustomerId}:{emulator.CustomerSecret}")));

        var answer = await SendAsync(request, HttpStatusCode.OK);

        answer["error"]!.Value<bool>().Should().BeFalse();
        answer["data"]!["messageList"]!.Should().ContainSingle().Which["message"]!.Value<string>().Should().Be("two");
        answer["data"]!["newStart"]!.Value<long>().Should().Be(2000, "a second page starts before the newest message");
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_like_the_service_does()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"dev/v2/project/{emulator.AppId}/rtm/vendor/user_events");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.CustomerId}:wrong")));

        var answer = await SendAsync(request, HttpStatusCode.Unauthorized);

        answer["result"]!.Value<string>().Should().Be("failed");
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage TokenRequest(string sender, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"dev/v2/project/{emulator.AppId}/rtm/users/{sender}/channel_messages")
        {
            Content = new StringContent("""{"channel_name":"raw-lobby","enable_historical_messaging":false,"payload":"hi"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "agora token=" + token);
        return request;
    }

    private async Task<JObject> SendAsync(HttpRequestMessage request, HttpStatusCode expected)
    {
        using var response = await _http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return JObject.Parse(body);
    }

    private async Task<JObject> GetControlAsync(string relative)
    {
        using var response = await _http.GetAsync("_emulator/" + relative);
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task PostControlAsync(string relative, string body)
    {
        using var response = await _http.PostAsync("_emulator/" + relative, new StringContent(body, Encoding.UTF8, "application/json"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
