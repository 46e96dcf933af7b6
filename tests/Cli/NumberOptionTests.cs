using Agora.Signaling.Cli;

namespace Agora.Signaling.Tests.Cli;

/// <summary>A number option given something else says "a whole number", not a .NET type name.</summary>
public sealed class NumberOptionTests
{
    [Theory]
    [InlineData("--expire", "abc", "token", "build", "--app-id", "970CA35de60c44645bbae8a215061b33", "--app-certificate", "5CFd2fd1755d40ecb72977518be15d3b", "--user", "server")]
    [InlineData("--salt", "x", "token", "build", "--app-id", "970CA35de60c44645bbae8a215061b33", "--app-certificate", "5CFd2fd1755d40ecb72977518be15d3b", "--user", "server")]
    [InlineData("--max-retries", "q", "send-peer", "--from", "a", "--to", "b", "--payload", "c")]
    [InlineData("--port", "x", "emulator")]
    public async Task Not_a_number_is_named_as_such_on_stderr_and_in_json(string option, string value, params string[] command)
    {
        var result = await CliHost.RunAsync([.. command, option, value, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments);
        string expected = $"Cannot parse argument '{value}' for option '{option}' as a whole number.";
        result.Stderr.Should().StartWith(expected).And.NotContain("System.");
        result.Json()["error"]!["message"]!.ToString().Should().Be(expected);
    }
}
