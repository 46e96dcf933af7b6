using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class EmulatorModeTests
{
    [Fact]
    public async Task With_no_configuration_a_command_runs_against_the_embedded_emulator_and_says_so_once()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "hi", "--json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().ContainEquivalentOf("emulator");
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle();
        result.Json()["code"]!.Value<string>().Should().Be("message_sent");
    }

    [Fact]
    public async Task Input_refused_before_sending_says_so_without_announcing_an_emulator_it_never_used()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "a/b", "--to", "bob", "--payload", "hi"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith("error: Invalid --from:").And.EndWith("Nothing was sent.");
    }

    [Fact]
    public async Task Blank_environment_variables_count_as_not_set()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AGORA_APP_ID"] = "",
            ["AGORA_CUSTOMER_SECRET"] = "  ",
            ["AGORA_BASE_URL"] = null,
        };

        var result = await CliHost.RunAsync(["events", "users"], environment);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().ContainEquivalentOf("emulator");
        result.Stdout.Should().Contain("0 user events");
    }

    [Fact]
    public async Task The_emulator_option_wins_over_a_configured_service()
    {
        var result = await CliHost.RunAsync(
            ["--emulator", "--base-url", CliHost.ClosedLoopbackUrl(), "--app-id", "abc", "send-channel", "--from", "alice", "--channel", "c", "--payload", "hi"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().Contain("--emulator");
        result.Stdout.Should().Contain("message_sent");
    }

    [Fact]
    public async Task History_works_against_the_embedded_emulator()
    {
        var result = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json()["messages"]!.Should().BeEmpty();
    }
}
