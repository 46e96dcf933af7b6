using Agora.Signaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Agora.Signaling.Redis.Tests;

/// <summary>The C# of README's "Running a fleet" section: it must appear there verbatim, and it runs here against a real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReadmeFleetSnippetTests(RedisFixture redis)
{
    [Fact]
    public async Task The_fleet_snippet_is_in_the_readme_and_takes_its_permits_from_Redis()
    {
        using var emulator = SignalingEmulator.Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Agora:Signaling:AppId"] = emulator.AppId,
            ["Agora:Signaling:Endpoint"] = emulator.Endpoint.AbsoluteUri,
            ["Agora:Signaling:CustomerId"] = emulator.CustomerId,
            ["Agora:Signaling:CustomerSecret"] = emulator.CustomerSecret,
            ["ConnectionStrings:Redis"] = redis.Server.Configuration,
        }).Build();
        var services = new ServiceCollection();

        // snippet:fleet
        services.AddAgoraSignaling(configuration.GetSection("Agora:Signaling"))
            .UseRedisCoordination(configuration.GetConnectionString("Redis")!);
        // end-snippet

        await using var provider = services.BuildServiceProvider();
        var response = await provider.GetRequiredService<ISignalingClient>().SendPeerMessageAsync("server", "alice", "hello");

        response.Code.Should().Be("message_sent");
        File.ReadAllText(RepositoryFiles.Path("README.md")).Should().Contain(Snippet("fleet"));
    }

    private static string Snippet(string name)
    {
        string[] lines = File.ReadAllLines(RepositoryFiles.Path(Path.Combine("redis", "tests", nameof(ReadmeFleetSnippetTests) + ".cs")));
        int start = Array.FindIndex(lines, l => l.Trim() == "// snippet:" + name) + 1;
        int end = Array.FindIndex(lines, start, l => l.Trim() == "// end-snippet");
        var body = lines[start..end];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
