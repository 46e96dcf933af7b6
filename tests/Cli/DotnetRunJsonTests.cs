using Agora.Signaling.Tests.Processes;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary>
/// README's own way to run the tool: stdout of <c>dotnet run --project cli -- … --json</c> must be JSON alone, so it
/// can be piped to jq. A restore or build warning (NU1603, Source Link without a remote) would be printed there first.
/// </summary>
public sealed class DotnetRunJsonTests
{
    [Fact]
    public async Task Json_stdout_of_dotnet_run_parses()
    {
        using var run = ChildProcess.Start(
            "dotnet",
            ["run", "--project", "cli", "--", "token", "build", "--app-id", "970CA35de60c44645bbae8a215061b33",
             "--app-certificate", "5CFd2fd1755d40ecb72977518be15d3b", "--user", "server", "--expire", "3600", "--json"],
            workingDirectory: RepositoryFiles.Path(string.Empty));

        int code = await run.WaitForExitAsync(TimeSpan.FromMinutes(5));

        code.Should().Be(0, run.Stderr);
        var parse = () => JObject.Parse(run.Stdout);
        parse.Should().NotThrow($"stdout must be JSON alone, but was:\n{run.Stdout}")
            .Which["token"]!.Value<string>().Should().StartWith("007");
    }
}
