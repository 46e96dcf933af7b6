using Agora.Signaling.Tests.Processes;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Packaging;

/// <summary>The tool installed from a local folder (<c>dotnet tool install --add-source</c>) runs a command.</summary>
[Collection(PackedSdkCollection.Name)]
public sealed class PackedToolTests(PackedSdk sdk)
{
    [Fact]
    [Trait("Category", "Packaging")]
    public async Task The_tool_installed_from_a_local_folder_sends_a_message_to_its_embedded_emulator()
    {
        string command = await sdk.InstallToolAsync();

        using var tool = ChildProcess.Start(command, ["send-channel", "--from", "server", "--channel", "lobby", "--payload", "installed", "--json"]);
        int code = await tool.WaitForExitAsync(TimeSpan.FromMinutes(2));

        code.Should().Be(0, "{0}\n{1}", tool.Stdout, tool.Stderr);
        JObject.Parse(tool.Stdout.Trim().Split('\n')[^1])["status"]!.Value<string>().Should().Be("sent");
    }

    [Fact]
    public void The_readme_shows_the_local_install_the_test_makes()
    {
        string readme = File.ReadAllText(RepositoryFiles.Path("README.md"));

        readme.Should().Contain("dotnet pack cli/Agora.Signaling.Cli.csproj -c Release -o artifacts")
            .And.Contain("dotnet tool install --global Agora.Signaling.Cli --add-source artifacts");
    }
}
