using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class HistoryCommandTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public HistoryCommandTests()
    {
        _emulator.SeedHistory(
            HistoryChannelType.Message,
            "lobby",
            new StoredHistoryMessage("alice", "one", 1_000),
            new StoredHistoryMessage("bob", "two", 2_000, CustomType: "greeting"),
            new StoredHistoryMessage("carol", "three", 3_000),
            new StoredHistoryMessage("alice", "four", 4_000),
            new StoredHistoryMessage("bob", "Zml2ZQ==", 5_000, MessageType: "BINARY"));
        _emulator.SeedHistory(HistoryChannelType.User, "bob", new StoredHistoryMessage("alice", "private", 7_000));
    }

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task Reads_one_page_newest_first_as_json()
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--count", "2", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json["requestId"]!.Value<string>().Should().NotBeNullOrEmpty();
        json["newStart"]!.Value<long>().Should().Be(4_000);
        var messages = json["messages"]!.Cast<JObject>().ToList();
        messages.Should().HaveCount(2);
        messages[0].Properties().Select(p => p.Name).Should().BeEquivalentTo(["publisher", "messageType", "message", "customType", "timestamp"]);
        messages[0]["publisher"]!.Value<string>().Should().Be("bob");
        messages[0]["messageType"]!.Value<string>().Should().Be("BINARY");
        messages[0]["message"]!.Value<string>().Should().Be("Zml2ZQ==");
        messages[0]["timestamp"]!.Value<long>().Should().Be(5_000);
        messages[1]["message"]!.Value<string>().Should().Be("four");
    }

    [Fact]
    public async Task Start_and_end_select_the_time_range()
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--start", "4000", "--end", "2000", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json()["messages"]!.Select(m => m["message"]!.Value<string>()).Should().Equal("three", "two");
    }

    [Fact]
    public async Task Human_output_shows_the_messages_and_how_to_read_on()
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--count", "3", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("alice: four").And.Contain("carol: three").And.Contain("[BINARY]");
        result.Stdout.Should().NotContain("bob (greeting): two", "the page holds only three messages");
        result.Stdout.Should().Contain("--start 3000");
    }

    [Fact]
    public async Task All_walks_every_page()
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--count", "2", "--all", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json["messages"]!.Select(m => m["message"]!.Value<string>()).Should().Equal("Zml2ZQ==", "four", "three", "two", "one");
        json["count"]!.Value<int>().Should().Be(5);
        json["pages"]!.Value<int>().Should().Be(3);
        json["newStart"]!.Value<long>().Should().Be(0);
        _emulator.RequestCount.Should().Be(3);

        // Each page was a request of its own, with its own ID to quote to support.
        var requestIds = json["requestIds"]!.Select(id => id.Value<string>()).ToList();
        requestIds.Should().HaveCount(3).And.OnlyHaveUniqueItems().And.NotContainNulls();
        json["requestId"]!.Value<string>().Should().Be(requestIds[^1]);
    }

    [Fact]
    public async Task All_in_human_output_lists_each_page()
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--count", "2", "--all", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("Page 3: 1 message").And.Contain("alice: one").And.Contain("5 messages in 3 pages");
    }

    [Fact]
    public async Task Reads_a_user_channel()
    {
        var result = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "user", "--channel", "bob", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json()["messages"]!.Should().ContainSingle().Which["message"]!.Value<string>().Should().Be("private");
    }

    [Theory]
    [InlineData("--count", "0")]
    [InlineData("--count", "101")]
    [InlineData("--start", "-1")]
    public async Task An_out_of_range_number_is_rejected_before_sending(string option, string value)
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", option, value, .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain(option);
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_zero_count_with_all_is_rejected_before_sending()
    {
        var result = await CliHost.RunAsync(
            ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", "--count", "0", "--all", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_channel_type_is_a_usage_error()
    {
        var result = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "group", "--channel", "lobby", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("group");
        _emulator.RequestCount.Should().Be(0);
    }
}
