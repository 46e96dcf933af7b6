using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary>
/// Several --base-url hosts are the failover list, and --max-retries bounds the attempts. The SDK tries the first host
/// twice before moving on (Agora's order) and backs off about 1 s, then 2 s, so the tests that reach a second host use 2 retries.
/// </summary>
public sealed class FailoverAndRetryTests : IDisposable
{
    private static readonly string[] SendPeer = ["send-peer", "--from", "alice", "--to", "bob", "--payload", "via failover"];

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    private string[] Credentials =>
        ["--app-id", _emulator.AppId, "--customer-id", _emulator.CustomerId, "--customer-secret", _emulator.CustomerSecret];

    [Fact]
    public async Task When_every_host_is_unreachable_the_error_names_the_attempts_and_hosts_and_exits_4()
    {
        Uri first = SignalingEmulator.UnreachableEndpoint();
        Uri second = SignalingEmulator.UnreachableEndpoint();

        var result = await CliHost.RunAsync(
            [.. SendPeer, "--base-url", first.AbsoluteUri, "--base-url", second.AbsoluteUri, .. Credentials, "--max-retries", "2", "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Unreachable, result.ToString());
        result.Stderr.Should().Contain("after 3 attempts").And.Contain(first.Authority).And.Contain(second.Authority);
        var error = result.Json()["error"]!;
        error["kind"]!.Value<string>().Should().Be("unreachable");
        error["message"]!.Value<string>().Should().Contain($"on {first.Authority}, {second.Authority}");
    }

    [Fact]
    public async Task A_send_fails_over_to_the_second_host_when_the_first_is_unreachable()
    {
        Uri unreachable = SignalingEmulator.UnreachableEndpoint();

        var result = await CliHost.RunAsync(
            [.. SendPeer, "--base-url", unreachable.AbsoluteUri, "--base-url", _emulator.Endpoint.AbsoluteUri, .. Credentials, "--max-retries", "2", "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Json()["code"]!.Value<string>().Should().Be("message_sent");
        _emulator.Messages.Should().ContainSingle().Which.Payload.Should().Be("via failover");
    }

    [Fact]
    public async Task The_base_url_variable_is_the_failover_list_and_the_retries_can_come_from_the_environment()
    {
        var environment = CliHost.ConnectionEnvironment(_emulator);
        environment["AGORA_BASE_URL"] = $"{SignalingEmulator.UnreachableEndpoint().AbsoluteUri},{_emulator.Endpoint.AbsoluteUri}";
        environment["AGORA_MAX_RETRIES"] = "2";

        var result = await CliHost.RunAsync(SendPeer, environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task Without_retries_there_is_one_attempt_and_no_failover()
    {
        Uri unreachable = SignalingEmulator.UnreachableEndpoint();
        var environment = new Dictionary<string, string?> { ["AGORA_MAX_RETRIES"] = "0" };

        var result = await CliHost.RunAsync(
            [.. SendPeer, "--base-url", unreachable.AbsoluteUri, "--base-url", _emulator.Endpoint.AbsoluteUri, .. Credentials], environment);

        result.ExitCode.Should().Be(ExitCodes.Unreachable, result.ToString());
        result.Stderr.Should().Contain("Could not reach the service").And.Contain($"(1 attempt, on {unreachable.Authority})");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Max_retries_bounds_the_attempts_at_a_service_that_keeps_failing()
    {
        _emulator.InjectFaults(EmulatorFault.Status(503), EmulatorFault.Status(503), EmulatorFault.Status(503));

        var result = await CliHost.RunAsync(["events", "users", .. CliHost.ConnectionArgs(_emulator), "--max-retries", "1", "--json"]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("503").And.Contain("after 2 attempts");
        result.Json()["error"]!["status"]!.Value<int>().Should().Be(503);
        _emulator.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task A_send_answered_with_503_exits_3_with_an_unknown_outcome_and_is_not_resent()
    {
        _emulator.InjectFaults(EmulatorFault.Status(503));

        var result = await CliHost.RunAsync([.. SendPeer, .. CliHost.ConnectionArgs(_emulator), "--json"]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("The outcome is unknown");
        var error = result.Json()["error"]!;
        error["kind"]!.Value<string>().Should().Be("service");
        error["status"]!.Value<int>().Should().Be(503);
        _emulator.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task A_send_whose_answer_was_lost_exits_4_and_is_not_resent()
    {
        _emulator.InjectFaults(EmulatorFault.DropConnection());

        var result = await CliHost.RunAsync([.. SendPeer, .. CliHost.ConnectionArgs(_emulator), "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Unreachable, result.ToString());
        result.Stderr.Should().Contain("no answer came").And.Contain("The outcome is unknown");
        result.Json()["error"]!["kind"]!.Value<string>().Should().Be("unreachable");
        _emulator.RequestCount.Should().Be(1);
        _emulator.PeerMessages.Should().ContainSingle("the emulator processed it before dropping the connection");
    }

    [Theory]
    [InlineData("--max-retries", "11", "Invalid --max-retries")]
    [InlineData("AGORA_MAX_RETRIES", "11", "Invalid --max-retries")]
    [InlineData("AGORA_MAX_RETRIES", "three", "AGORA_MAX_RETRIES must be a whole number")]
    [InlineData("--max-retries", "three", "--max-retries")]
    public async Task A_bad_retry_count_is_exit_2(string source, string value, string expected)
    {
        var environment = new Dictionary<string, string?>();
        var args = new List<string>(SendPeer);
        args.AddRange(CliHost.ConnectionArgs(_emulator));
        if (source.StartsWith("--", StringComparison.Ordinal))
        {
            args.AddRange([source, value]);
        }
        else
        {
            environment[source] = value;
        }

        var result = await CliHost.RunAsync(args, environment);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain(expected);
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task The_retry_count_also_applies_to_the_embedded_emulator()
    {
        var result = await CliHost.RunAsync(["events", "users", "--max-retries", "11"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("Invalid --max-retries").And.NotContain("Using the embedded emulator");
    }
}
