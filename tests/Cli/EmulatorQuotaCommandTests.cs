using System.Net;
using System.Net.Http.Headers;
using Agora.Signaling.Cli;

namespace Agora.Signaling.Tests.Cli;

/// <summary><c>agora-signaling emulator --enforce-quotas</c>: the emulator server refusing an app's requests past its quota.</summary>
public sealed class EmulatorQuotaCommandTests
{
    [Fact]
    public async Task Enforce_quotas_answers_429_past_the_message_quota_and_reports_the_refusals_when_stopped()
    {
        await using var emulator = await CliEmulatorRun.StartAsync(["emulator", "--enforce-quotas", "--messages-quota", "1"]);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(
            System.Text.Encoding.UTF8.GetBytes($"{emulator.Announcement["customerId"]}:{emulator.Announcement["customerSecret"]}")));

        // Five messages at a quota of one a second: at least one shares a second with another, however slow the machine.
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using var response = await http.PostAsync(
                new Uri(emulator.Url, $"dev/v2/project/{emulator.Announcement["appId"]}/rtm/users/sender/peer_messages"),
                new StringContent("""{"destination":"receiver","payload":"hello"}""", System.Text.Encoding.UTF8, "application/json"));
            statuses.Add(response.StatusCode);
        }

        int code = await emulator.StopAsync();

        statuses.Should().Contain(HttpStatusCode.TooManyRequests).And.Contain(HttpStatusCode.OK);
        code.Should().Be(ExitCodes.Success);
        emulator.Stderr.ToString().Should().MatchRegex(@"Stopped after 5 API requests, [1-4] refusals? over quota\.");
    }

    [Theory]
    [InlineData(new[] { "emulator", "--port", "0", "--enforce-quotas", "--messages-quota", "0" }, "--messages-quota must be from 1 to 100000.")]
    [InlineData(new[] { "emulator", "--port", "0", "--messages-quota", "5" }, "--messages-quota applies only with --enforce-quotas.")]
    public async Task A_bad_message_quota_is_refused_before_the_emulator_starts(string[] args, string error)
    {
        var result = await CliHost.RunAsync(args);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Be($"error: {error}{Environment.NewLine}");
        result.Stdout.Should().BeEmpty();
    }
}
