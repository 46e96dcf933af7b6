using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class SendChannelCommandTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task Sends_exactly_the_given_channel_message()
    {
        var result = await CliHost.RunAsync(["send-channel", "--from", "alice", "--channel", "lobby", "--payload", "Hi all", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        _emulator.ChannelMessages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            FromUserId = "alice",
            Destination = "lobby",
            Payload = "Hi all",
            EnableHistoricalMessaging = false,
        });
        _emulator.PeerMessages.Should().BeEmpty();
        result.Stdout.Should().Contain("lobby").And.Contain("message_sent");
    }

    [Fact]
    public async Task History_flag_stores_the_message_and_json_mirrors_the_response()
    {
        var result = await CliHost.RunAsync(
            ["send-channel", "--from", "alice", "--channel", "lobby", "--payload", "keep me", "--history", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var sent = _emulator.ChannelMessages.Should().ContainSingle().Subject;
        sent.EnableHistoricalMessaging.Should().BeTrue();
        _emulator.GetHistory(HistoryChannelType.Message, "lobby").Should().ContainSingle().Which.Message.Should().Be("keep me");
        var json = result.Json();
        json["requestId"]!.Value<string>().Should().Be(sent.RequestId);
        json["code"]!.Value<string>().Should().Be("message_sent");
        json["status"]!.Value<string>().Should().Be("sent");
        json["result"]!.Value<string>().Should().Be("success");
    }

    [Fact]
    public async Task An_invalid_channel_name_is_rejected_before_sending()
    {
        var result = await CliHost.RunAsync(["send-channel", "--from", "alice", "--channel", "lob\"by", "--payload", "x", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--channel");
        _emulator.RequestCount.Should().Be(0);
    }
}
