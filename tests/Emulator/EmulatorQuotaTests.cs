using System.Net;
using System.Net.Http.Headers;
using Agora.Signaling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Emulator;

public sealed class EmulatorQuotaTests
{
    [Fact]
    public async Task With_quotas_enforced_a_request_past_the_limit_of_its_second_gets_429_with_Retry_After_and_the_next_second_is_served()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var emulator = Enforcing(clock, new EmulatorQuotas { MessagesPerSecond = 3 });
        using var http = Client(emulator);

        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using var response = await SendAsync(http, emulator, "sender-" + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
            }
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await SendAsync(http, emulator, "later");

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests);
        nextSecond.StatusCode.Should().Be(HttpStatusCode.OK);
        emulator.QuotaRefusals.Should().Be(2);
        emulator.Messages.Should().HaveCount(4, "a refused message is not recorded");
    }

    [Fact]
    public async Task Quotas_are_counted_per_quota_so_messages_do_not_use_up_event_pulls()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var emulator = Enforcing(clock, new EmulatorQuotas { MessagesPerSecond = 1, EventPullsPerSecond = 1 });
        using var http = Client(emulator);

        using var message = await SendAsync(http, emulator, "sender");
        using var pull = await http.GetAsync(new Uri(emulator.Endpoint, $"dev/v2/project/{emulator.AppId}/rtm/vendor/user_events"));
        using var secondPull = await http.GetAsync(new Uri(emulator.Endpoint, $"dev/v2/project/{emulator.AppId}/rtm/vendor/user_events"));

        message.StatusCode.Should().Be(HttpStatusCode.OK);
        pull.StatusCode.Should().Be(HttpStatusCode.OK);
        secondPull.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Publishes_are_counted_per_channel_and_one_past_its_channel_quota_gets_a_2x_429_with_Retry_After()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        using var emulator = Enforcing(clock, new EmulatorQuotas { PublishesPerChannelPerSecond = 2, MessagesPerSecond = 1 });
        using var http = Client(emulator);

        var busy = new List<HttpStatusCode>();
        for (int i = 0; i < 3; i++)
        {
            using var response = await PublishAsync(http, emulator, "message", "busy");
            busy.Add(response.StatusCode);
        }

        using var refused = await PublishAsync(http, emulator, "message", "busy");
        using var otherChannel = await PublishAsync(http, emulator, "message", "quiet");
        using var otherType = await PublishAsync(http, emulator, "user", "busy");
        using var message = await SendAsync(http, emulator, "sender");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await PublishAsync(http, emulator, "message", "busy");

        busy.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var body = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("errorCode").GetInt32().Should().Be(429, "the 2.x API answers in its own envelope");
        body.GetProperty("error").GetBoolean().Should().BeTrue();
        otherChannel.StatusCode.Should().Be(HttpStatusCode.OK, "each channel has its own quota");
        otherType.StatusCode.Should().Be(HttpStatusCode.OK, "a user channel is not the message channel of the same name");
        message.StatusCode.Should().Be(HttpStatusCode.OK, "publishes do not count against the message quota");
        nextSecond.StatusCode.Should().Be(HttpStatusCode.OK);
        emulator.QuotaRefusals.Should().Be(2);
        emulator.Publishes.Should().HaveCount(5, "a refused publish is not recorded");
    }

    [Fact]
    public async Task Without_enforcement_nothing_is_refused()
    {
        using var emulator = SignalingEmulator.Start();
        using var http = Client(emulator);

        for (int i = 0; i < 20; i++)
        {
            using var response = await SendAsync(http, emulator, "sender");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        emulator.QuotaRefusals.Should().Be(0);
    }

    [Fact]
    public void A_limit_below_one_is_refused()
    {
        using var emulator = SignalingEmulator.Start();

        var act = () => emulator.EnforceQuotas(new EmulatorQuotas { HistoryRequestsPerSecond = 0 });
        var publishes = () => emulator.EnforceQuotas(new EmulatorQuotas { PublishesPerChannelPerSecond = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>();
        publishes.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static SignalingEmulator Enforcing(FakeTimeProvider clock, EmulatorQuotas quotas)
    {
        var emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = clock });
        emulator.EnforceQuotas(quotas);
        return emulator;
    }

    private static HttpClient Client(SignalingEmulator emulator)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(emulator.CustomerId + ":" + emulator.CustomerSecret)));
        return http;
    }

    private static Task<HttpResponseMessage> PublishAsync(HttpClient http, SignalingEmulator emulator, string type, string channel) =>
        http.PostAsync(
            new Uri(emulator.Endpoint, $"rtm/v2/publish/{emulator.AppId}/userId/Max/channelType/{type}/channel/{channel}"),
            new StringContent("""{"text":"hello"}""", System.Text.Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, SignalingEmulator emulator, string sender) =>
        http.PostAsync(
            new Uri(emulator.Endpoint, $"dev/v2/project/{emulator.AppId}/rtm/users/{sender}/peer_messages"),
            new StringContent("""{"destination":"receiver","payload":"hello"}""", System.Text.Encoding.UTF8, "application/json"));
}
