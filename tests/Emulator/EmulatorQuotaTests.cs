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
        using var emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = clock });
        emulator.EnforceQuotas(new EmulatorQuotas { MessagesPerSecond = 3 });
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
        using var emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = clock });
        emulator.EnforceQuotas(new EmulatorQuotas { MessagesPerSecond = 1, EventPullsPerSecond = 1 });
        using var http = Client(emulator);

        using var message = await SendAsync(http, emulator, "sender");
        using var pull = await http.GetAsync(new Uri(emulator.Endpoint, $"dev/v2/project/{emulator.AppId}/rtm/vendor/user_events"));
        using var secondPull = await http.GetAsync(new Uri(emulator.Endpoint, $"dev/v2/project/{emulator.AppId}/rtm/vendor/user_events"));

        message.StatusCode.Should().Be(HttpStatusCode.OK);
        pull.StatusCode.Should().Be(HttpStatusCode.OK);
        secondPull.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
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

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static HttpClient Client(SignalingEmulator emulator)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(emulator.CustomerId + ":" + emulator.CustomerSecret)));
        return http;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, SignalingEmulator emulator, string sender) =>
        http.PostAsync(
            new Uri(emulator.Endpoint, $"dev/v2/project/{emulator.AppId}/rtm/users/{sender}/peer_messages"),
            new StringContent("""{"destination":"receiver","payload":"hello"}""", System.Text.Encoding.UTF8, "application/json"));
}
