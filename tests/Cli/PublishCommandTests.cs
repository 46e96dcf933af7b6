using Agora.Signaling.Cli;
using Newtonsoft.Json.Linq;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Cli;

public sealed class PublishCommandTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task Channel_publishes_to_a_message_channel_with_history_and_custom_type()
    {
        var result = await CliHost.RunAsync(
            ["publish", "--from", "Max", "--channel", "chatroom", "--payload", """{"text":"Hello"}""", "--store-in-history", "--custom-type", "text", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.Publishes.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Publisher = "Max", ChannelType = PublishChannelType.Message, ChannelName = "chatroom", Message = """{"text":"Hello"}""", StoreInHistory = true, CustomType = "text",
        });
        _emulator.GetHistory(HistoryChannelType.Message, "chatroom").Should().ContainSingle().Which.CustomType.Should().Be("text");
        result.Stdout.Should().Contain("Published from Max to channel chatroom");
    }

    [Fact]
    public async Task To_publishes_to_a_user_channel_and_json_mirrors_the_answer()
    {
        var result = await CliHost.RunAsync(["publish", "--from", "server", "--to", "alice", "--payload", "\"Hi\"", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        var recorded = _emulator.Publishes.Should().ContainSingle().Subject;
        recorded.ChannelType.Should().Be(PublishChannelType.User);
        recorded.StoreInHistory.Should().BeFalse();
        var json = result.Json();
        json["requestId"]!.Value<string>().Should().Be(recorded.RequestId);
        json["errorCode"]!.Value<int>().Should().Be(200);
    }

    [Theory]
    [InlineData(new[] { "--channel", "room", "--to", "alice", "--payload", "{}" }, "one of --channel")]
    [InlineData(new[] { "--payload", "{}" }, "one of --channel")]
    [InlineData(new[] { "--channel", "room", "--payload", "Hello" }, "Invalid --payload: The message must be JSON text")]
    [InlineData(new[] { "--channel", "room", "--payload", "{}", "--custom-type", "0123456789012345678901234567890123" }, "Invalid --custom-type: The custom type must be 1 to 32")]
    public async Task Bad_arguments_are_refused_before_sending(string[] arguments, string reason)
    {
        var result = await CliHost.RunAsync(["publish", "--from", "server", .. arguments, .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain(reason);
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task The_readme_publish_runs_against_the_embedded_emulator()
    {
        // README: dotnet run --project cli -- publish --from server --channel lobby --payload '{"text":"Hello"}' --store-in-history
        var result = await CliHost.RunAsync(["publish", "--from", "server", "--channel", "lobby", "--payload", """{"text":"Hello"}""", "--store-in-history"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().Contain("Published from server to channel lobby");
    }
}
