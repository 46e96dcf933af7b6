using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_runs_every_operation_and_shows_each_result()
    {
        var result = await CliHost.RunAsync(["demo"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().ContainEquivalentOf("emulator");
        result.Stdout.Should().Contain("== send-peer").And.Contain("message_delivered");
        result.Stdout.Should().Contain("== send-channel").And.Contain("Channel message from alice to lobby: sent");
        result.Stdout.Should().Contain("== publish (2.x)").And.Contain("Published from alice to user bob");
        result.Stdout.Should().Contain("== events users").And.Contain("3 user events").And.MatchRegex(@"Logout\s+user carol");
        result.Stdout.Should().Contain("== events channels").And.Contain("2 channel events").And.Contain("in channel lobby");
        result.Stdout.Should().Contain("== history").And.Contain("alice: Hello lobby!").And.Contain("carol: Good morning, lobby.");
        result.Stdout.Should().Contain("== legacy history query").And.Contain("peer_message alice -> bob: Hello Bob, this is the demo.");
        result.Stdout.Should().Contain("== legacy history count").And.Contain("ok: 2 messages");
    }

    [Fact]
    public async Task Demo_json_has_one_field_per_operation()
    {
        var result = await CliHost.RunAsync(["demo", "--json"]);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.Properties().Select(p => p.Name).Should().Equal(
            "sendPeer", "sendChannel", "publish", "userEvents", "channelEvents", "history", "legacyHistoryQuery", "legacyHistoryCount");
        json["sendPeer"]!["status"]!.Value<string>().Should().Be("delivered");
        json["publish"]!["errorCode"]!.Value<int>().Should().Be(200);
        json["sendChannel"]!["code"]!.Value<string>().Should().Be("message_sent");
        json["userEvents"]!["events"]!.Select(e => e["userId"]!.Value<string>()).Should().Equal("alice", "bob", "carol");
        json["channelEvents"]!["events"]!.Select(e => e["groupId"]!.Value<string>()).Should().OnlyContain(g => g == "lobby").And.HaveCount(2);
        json["history"]!["messages"]!.Select(m => m["message"]!.Value<string>()).Should().Equal("Hello lobby!", "Morning, Carol!", "Good morning, lobby.");
        json["legacyHistoryQuery"]!["messages"]!.Select(m => m["payload"]!.Value<string>()).Should().Equal("Hello Bob, this is the demo.", "Hello lobby!");
        json["legacyHistoryCount"]!["count"]!.Value<long>().Should().Be(2);
    }

    [Fact]
    public async Task Demo_ignores_connection_settings()
    {
        var result = await CliHost.RunAsync(["demo", "--base-url", CliHost.ClosedLoopbackUrl()]);

        result.ExitCode.Should().Be(0, result.ToString());
    }
}
