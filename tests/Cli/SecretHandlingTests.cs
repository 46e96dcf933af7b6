using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class SecretHandlingTests : IDisposable
{
    private const string Secret = "s3cr3t-Value-4711";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { CustomerSecret = Secret });

    public void Dispose() => _emulator.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("send-peer", "--help")]
    [InlineData("history", "-h")]
    public async Task Help_never_shows_the_secret_from_the_environment(params string[] args)
    {
        var result = await CliHost.RunAsync(args, CliHost.ConnectionEnvironment(_emulator));

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("--customer-secret").And.Contain("AGORA_CUSTOMER_SECRET");
        result.Stdout.Should().NotContain(Secret);
        result.Stderr.Should().NotContain(Secret);
    }

    [Fact]
    public async Task Help_explains_failover_hosts_and_the_retries_they_need()
    {
        var result = await CliHost.RunAsync(["--help"]);

        result.ExitCode.Should().Be(0);
        result.Stdout.Should().Contain("--base-url").And.Contain("failover hosts").And.Contain("AGORA_BASE_URL");
        result.Stdout.Should().Contain("--max-retries").And.Contain("AGORA_MAX_RETRIES");
        result.Stdout.Should().NotContain("comes in a later version");
    }

    [Fact]
    public async Task A_secret_pasted_as_a_command_is_masked_in_the_parse_error()
    {
        var result = await CliHost.RunAsync([Secret, "--json"], CliHost.ConnectionEnvironment(_emulator));

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("***").And.NotContain(Secret);
        result.Stdout.Should().NotContain(Secret);
        result.Json()["error"]!["kind"]!.Value<string>().Should().Be("usage");
    }

    [Fact]
    public async Task A_secret_given_as_an_option_is_masked_when_a_parse_error_echoes_it()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "a", "--to", "b", "--payload", "x", "--customer-secret", Secret, "stray", Secret]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("stray").And.NotContain(Secret);
    }

    [Fact]
    public async Task A_successful_run_does_not_print_the_secret()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        (result.Stdout + result.Stderr).Should().NotContain(Secret);
    }
}
