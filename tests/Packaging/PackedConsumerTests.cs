using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Processes;

namespace Agora.Signaling.Tests.Packaging;

/// <summary>
/// Packs the SDK, restores it from a local folder into a fresh console app, and sends a message
/// to the emulator through it: proves the package (not the project reference) works for a consumer.
/// </summary>
public sealed class PackedConsumerTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    // Must match the Microsoft.Extensions.* version that src/Agora.Signaling.csproj references.
    private const string DependencyInjectionVersion = "10.0.0";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "agsig-pack-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    [Trait("Category", "Packaging")]
    public async Task A_console_app_consuming_the_packed_sdk_sends_a_channel_message()
    {
        var repo = RepositoryFiles.Path(string.Empty);
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var app = Directory.CreateDirectory(Path.Combine(_root, "consumer")).FullName;
        // A unique version, so no copy of 0.1.0 cached in the global packages folder is ever used.
        var version = "0.1.0-test." + Guid.NewGuid().ToString("N")[..12];

        await RunDotnet(repo,
            "pack", Path.Combine(repo, "src", "Agora.Signaling.csproj"), "-c", "Release", "-o", feed,
            $"-p:Version={version}", "-p:IncludeSymbols=false", "--nologo");
        File.Exists(Path.Combine(feed, $"Agora.Signaling.{version}.nupkg")).Should().BeTrue();

        WriteConsumer(app, feed, version);
        await RunDotnet(app,
            "run", "--project", Path.Combine(app, "Consumer.csproj"), "--",
            _emulator.Endpoint.ToString(), _emulator.AppId, _emulator.CustomerId, _emulator.CustomerSecret);

        _emulator.ChannelMessages.Should().ContainSingle()
            .Which.Payload.Should().Be("hello from the package");
    }

    private static void WriteConsumer(string app, string feed, string version)
    {
        // Isolated from the repository's Directory.Build.props and from any parent nuget.config.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NuGetAudit>false</NuGetAudit>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Agora.Signaling" Version="{version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{DependencyInjectionVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Agora.Signaling;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            services.AddAgoraSignaling(o =>
            {
                o.Endpoint = new Uri(args[0]);
                o.HistoryEndpoint = new Uri(args[0]);
                o.AppId = args[1];
                o.CustomerId = args[2];
                o.CustomerSecret = args[3];
            });
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<ISignalingClient>();
            await client.SendChannelMessageAsync("server", "lobby", "hello from the package");
            Console.WriteLine("sent");
            return 0;
            """);
    }

    private static async Task RunDotnet(string workingDirectory, params string[] arguments)
    {
        using var dotnet = ChildProcess.Start("dotnet", arguments, workingDirectory: workingDirectory);

        int code = await dotnet.WaitForExitAsync(ProcessTimeout);

        code.Should().Be(0, "dotnet {0} should succeed; its output was:\n{1}\n{2}", string.Join(' ', arguments), dotnet.Stdout, dotnet.Stderr);
    }

    public void Dispose()
    {
        _emulator.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
