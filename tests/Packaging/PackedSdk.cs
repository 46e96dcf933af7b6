using Agora.Signaling.Tests.Processes;

namespace Agora.Signaling.Tests.Packaging;

/// <summary>
/// The SDK packed once into a local folder, under a version of its own, and console apps that restore it from
/// there: what a consumer gets, not the project reference. Shared by the tests of the "Packed SDK" collection.
/// </summary>
public sealed class PackedSdk : IAsyncLifetime
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "agsig-pack-" + Guid.NewGuid().ToString("N")[..12]);

    // A unique version, so no copy of 0.1.0 cached in the global packages folder is ever used.
    private readonly string _version = "0.1.0-test." + Guid.NewGuid().ToString("N")[..12];

    private string Feed => Path.Combine(_root, "feed");

    public async Task InitializeAsync()
    {
        var repo = RepositoryFiles.Path(string.Empty);
        Directory.CreateDirectory(Feed);
        await RunDotnetAsync(repo,
            "pack", Path.Combine(repo, "src", "Agora.Signaling.csproj"), "-c", "Release", "-o", Feed,
            $"-p:Version={_version}", "-p:IncludeSymbols=false", "--nologo");
        File.Exists(Path.Combine(Feed, $"Agora.Signaling.{_version}.nupkg")).Should().BeTrue();
    }

    /// <summary>Writes a console app with <paramref name="program"/> as its Program.cs, builds and runs it, and returns its stdout.</summary>
    /// <param name="name">The app's folder name.</param>
    /// <param name="program">The whole Program.cs.</param>
    /// <param name="packages">Packages it needs besides the SDK, as id and version.</param>
    /// <param name="arguments">The program's arguments.</param>
    public async Task<string> RunConsumerAsync(string name, string program, IEnumerable<(string Id, string Version)> packages, params string[] arguments)
    {
        var app = Directory.CreateDirectory(Path.Combine(_root, name)).FullName;

        // Isolated from the repository's Directory.Build.props and from any parent nuget.config.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        string references = string.Concat(packages.Select(p => $"""

                <PackageReference Include="{p.Id}" Version="{p.Version}" />
            """));
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
                <PackageReference Include="Agora.Signaling" Version="{_version}" />{references}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);

        return await RunDotnetAsync(app, ["run", "--project", Path.Combine(app, "Consumer.csproj"), "--", .. arguments]);
    }

    /// <summary>
    /// Packs the tool into the local folder and installs it from there, as README shows (with a tool path instead of
    /// <c>--global</c>, so the machine's tools are left alone); returns the installed command.
    /// </summary>
    public async Task<string> InstallToolAsync()
    {
        var repo = RepositoryFiles.Path(string.Empty);
        await RunDotnetAsync(repo,
            "pack", Path.Combine(repo, "cli", "Agora.Signaling.Cli.csproj"), "-c", "Release", "-o", Feed,
            $"-p:Version={_version}", "-p:IncludeSymbols=false", "--nologo");
        string tools = Path.Combine(_root, "tools");
        await RunDotnetAsync(_root,
            "tool", "install", "--tool-path", tools, "Agora.Signaling.Cli", "--add-source", Feed, "--version", _version);
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "agora-signaling.exe" : "agora-signaling");
    }

    public Task DisposeAsync()
    {
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

        return Task.CompletedTask;
    }

    private static async Task<string> RunDotnetAsync(string workingDirectory, params string[] arguments)
    {
        using var dotnet = ChildProcess.Start("dotnet", arguments, workingDirectory: workingDirectory);

        int code = await dotnet.WaitForExitAsync(ProcessTimeout);

        code.Should().Be(0, "dotnet {0} should succeed; its output was:\n{1}\n{2}", string.Join(' ', arguments), dotnet.Stdout, dotnet.Stderr);
        return dotnet.Stdout;
    }
}

/// <summary>The tests that share one <see cref="PackedSdk"/>, so the SDK is packed once per run.</summary>
[CollectionDefinition(Name)]
public sealed class PackedSdkCollection : ICollectionFixture<PackedSdk>
{
    public const string Name = "Packed SDK";
}
