using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class ConnectionSettingsTests : IDisposable
{
    private static readonly string[] SendPeer = ["send-peer", "--from", "alice", "--to", "bob", "--payload", "hi"];

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task Every_setting_can_come_from_the_environment()
    {
        var result = await CliHost.RunAsync(SendPeer, CliHost.ConnectionEnvironment(_emulator));

        result.ExitCode.Should().Be(0, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be("hi");
        result.Stderr.Should().NotContainEquivalentOf("emulator");
    }

    [Fact]
    public async Task The_history_base_url_comes_from_its_own_variable()
    {
        _emulator.SeedHistory(HistoryChannelType.Message, "lobby", new StoredHistoryMessage("alice", "stored", 1_000));
        var environment = CliHost.ConnectionEnvironment(_emulator);
        environment["AGORA_BASE_URL"] = CliHost.ClosedLoopbackUrl();

        var result = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby"], environment);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("alice: stored");
    }

    [Fact]
    public async Task Options_win_over_environment_variables()
    {
        var environment = CliHost.ConnectionEnvironment(_emulator);
        environment["AGORA_CUSTOMER_SECRET"] = "wrong-secret-from-environment";
        environment["AGORA_BASE_URL"] = CliHost.ClosedLoopbackUrl();

        var result = await CliHost.RunAsync(
            [.. SendPeer, "--customer-secret", _emulator.CustomerSecret, "--base-url", _emulator.Endpoint.AbsoluteUri], environment);

        result.ExitCode.Should().Be(0, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task The_first_of_several_base_urls_is_tried_first()
    {
        string closed = CliHost.ClosedLoopbackUrl();

        var result = await CliHost.RunAsync([.. SendPeer, .. CliHost.ConnectionArgs(_emulator), "--base-url", closed, "--max-retries", "0"]);

        result.ExitCode.Should().Be(0, "with no retry only the first host is tried, and it answers: " + result);
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task The_base_url_variable_is_a_comma_separated_ordered_list()
    {
        var environment = CliHost.ConnectionEnvironment(_emulator);
        environment["AGORA_BASE_URL"] = $"{_emulator.Endpoint.AbsoluteUri}, {CliHost.ClosedLoopbackUrl()}";

        var result = await CliHost.RunAsync(SendPeer, environment);

        result.ExitCode.Should().Be(0, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Theory]
    [InlineData("--app-id", "AGORA_APP_ID")]
    [InlineData("--customer-id", "AGORA_CUSTOMER_ID")]
    [InlineData("--customer-secret", "AGORA_CUSTOMER_SECRET")]
    public async Task A_base_url_without_a_setting_names_the_missing_option_and_variable(string option, string variable)
    {
        var args = CliHost.ConnectionArgs(_emulator).ToList();
        int index = args.IndexOf(option);
        args.RemoveRange(index, 2);

        var result = await CliHost.RunAsync([.. SendPeer, .. args]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(option).And.Contain(variable);
        result.Stderr.Should().NotContainEquivalentOf("using the embedded emulator");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Credentials_without_a_base_url_are_not_silently_sent_to_the_emulator()
    {
        var result = await CliHost.RunAsync([.. SendPeer, "--customer-id", "someone"]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--app-id").And.Contain("--customer-secret").And.NotContain("--customer-id (");
    }

    [Fact]
    public async Task An_invalid_base_url_is_a_usage_error()
    {
        var environment = CliHost.ConnectionEnvironment(_emulator);
        environment["AGORA_BASE_URL"] = "ftp://example.invalid/";

        var result = await CliHost.RunAsync(SendPeer, environment);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--base-url").And.Contain("ftp://example.invalid/");
    }

    [Fact]
    public async Task An_invalid_app_id_is_rejected_before_sending()
    {
        var environment = CliHost.ConnectionEnvironment(_emulator);
        environment["AGORA_APP_ID"] = "not-an-app-id";

        var result = await CliHost.RunAsync(SendPeer, environment);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--app-id");
        _emulator.RequestCount.Should().Be(0);
    }
}
