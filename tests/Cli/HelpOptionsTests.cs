namespace Agora.Signaling.Tests.Cli;

/// <summary>A command's --help lists the shared options it reads, not the thirteen connection options of the others.</summary>
public sealed class HelpOptionsTests
{
    private static readonly string[] Connection = ["--base-url", "--history-base-url", "--customer-id", "--customer-secret", "--token", "--legacy-token", "--max-retries", "--emulator"];

    [Theory]
    [InlineData("token", "build")]
    [InlineData("token", "inspect")]
    [InlineData("demo")]
    public async Task Commands_that_do_not_connect_list_no_connection_option(params string[] command)
    {
        var result = await CliHost.RunAsync([.. command, "--help"]);

        result.ExitCode.Should().Be(0, result.ToString());
        Listed(result.Stdout).Should().Contain("--json").And.NotContain(Connection);
    }

    [Fact]
    public async Task The_emulator_lists_the_credentials_it_serves_and_no_connection_option()
    {
        var result = await CliHost.RunAsync(["emulator", "--help"]);

        Listed(result.Stdout).Should().Contain(["--customer-secret", "--app-certificate"]).And.NotContain(["--base-url", "--token", "--legacy-token", "--max-retries"]);
    }

    [Theory]
    [InlineData("send-peer")]
    [InlineData("history")]
    [InlineData("events", "users")]
    public async Task Commands_that_connect_list_every_connection_option(params string[] command)
    {
        var result = await CliHost.RunAsync([.. command, "--help"]);

        Listed(result.Stdout).Should().Contain(Connection);
    }

    [Fact]
    public async Task A_connection_option_given_to_a_command_that_ignores_it_is_still_accepted()
    {
        var result = await CliHost.RunAsync(["token", "build", "--user", "server", "--app-id", "876922cbca0098dff4323566daa89675", "--app-certificate", "5cfd2fd1755d40ecb72977518be15d3b", "--base-url", "http://127.0.0.1:1/", "--max-retries", "2"]);

        result.ExitCode.Should().Be(0, result.ToString());
    }

    [Fact]
    public async Task A_shared_option_is_still_accepted_before_the_command_name()
    {
        var result = await CliHost.RunAsync(["--json", "token", "build", "--user", "server", "--app-id", "876922cbca0098dff4323566daa89675", "--app-certificate", "5cfd2fd1755d40ecb72977518be15d3b"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json()["token"]!.ToString().Should().StartWith("007");
    }

    /// <summary>The option names a help text lists: the first word of each line under "Options:".</summary>
    private static List<string> Listed(string help) =>
        help[help.IndexOf("Options:", StringComparison.Ordinal)..].Split('\n')
            .Select(line => line.TrimStart())
            .Where(line => line.StartsWith("--", StringComparison.Ordinal))
            .Select(line => line.Split(' ', ',')[0])
            .ToList();
}
