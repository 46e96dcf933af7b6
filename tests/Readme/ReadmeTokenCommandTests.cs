using Agora.Signaling.Tests.Cli;

namespace Agora.Signaling.Tests.Readme;

/// <summary>README's <c>token build --permission</c> example, run as written (continuation lines joined, as sh joins them).</summary>
public sealed class ReadmeTokenCommandTests
{
    private const string ToolPrefix = "dotnet run --project cli -- ";

    [Fact]
    public async Task The_permission_example_builds_the_RTM2_token_it_describes()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md")).ReplaceLineEndings("\n");
        string block = readme.Split("```sh\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)])
            .Single(b => b.Contains("--permission", StringComparison.Ordinal));
        string line = block.Replace("\\\n", string.Empty, StringComparison.Ordinal).Trim();
        line.Should().StartWith(ToolPrefix);

        var result = await CliHost.RunAsync(CliWalkthroughTests.ShellWords(line[ToolPrefix.Length..]));

        result.ExitCode.Should().Be(0, result.ToString());
        var token = SignalingToken.Parse(result.Stdout.Trim());
        token.UserId.Should().Be("server");
        token.VerifySignature("5CFd2fd1755d40ecb72977518be15d3b").Should().BeTrue();
        token.Permissions!.Select(g => $"{g.ResourceType} {g.PermissionType}: {string.Join(",", g.Names)}").Should().Equal(
            "MessageChannels Read: channelA,channelB",
            "MessageChannels Write: channelA*");
    }
}
