using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class SendPeerCommandTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task Sends_exactly_the_given_message_without_flags()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "Hello, Bob!", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            FromUserId = "alice",
            Destination = "bob",
            Payload = "Hello, Bob!",
            WaitForAck = false,
            EnableHistoricalMessaging = false,
            EnableOfflineMessaging = false,
        });
        result.Stdout.Should().Contain("alice").And.Contain("bob").And.Contain("sent").And.Contain("message_sent");
        result.Stderr.Should().BeEmpty("a configured run is not the emulator mode and has nothing to warn about");
    }

    [Fact]
    public async Task Passes_wait_for_ack_and_history_and_reports_delivery()
    {
        _emulator.SetUserOnline("bob");

        var result = await CliHost.RunAsync(
            ["send-peer", "--from", "alice", "--to", "bob", "--payload", "ping", "--wait-for-ack", "--history", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var sent = _emulator.PeerMessages.Should().ContainSingle().Subject;
        sent.WaitForAck.Should().BeTrue();
        sent.EnableHistoricalMessaging.Should().BeTrue();
        var json = result.Json();
        json["status"]!.Value<string>().Should().Be("delivered");
        json["code"]!.Value<string>().Should().Be("message_delivered");
        json["requestId"]!.Value<string>().Should().Be(sent.RequestId);
    }

    [Fact]
    public async Task Json_output_has_the_camel_case_fields_of_the_response()
    {
        var result = await CliHost.RunAsync(["--json", "send-peer", "--from", "alice", "--to", "bob", "--payload", "x", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json.Properties().Select(p => p.Name).Should().BeEquivalentTo(["requestId", "code", "status", "result"]);
        json["requestId"]!.Value<string>().Should().Be(_emulator.PeerMessages.Single().RequestId);
        json["code"]!.Value<string>().Should().Be("message_sent");
        json["status"]!.Value<string>().Should().Be("sent");
        json["result"]!.Value<string>().Should().Be("success");
    }

    [Fact]
    public async Task Reports_an_offline_receiver_when_waiting_for_the_ack()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "nobody", "--payload", "x", "--wait-for-ack", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Json()["status"]!.Value<string>().Should().Be("offline");
    }

    [Fact]
    public async Task A_65_character_user_id_is_rejected_before_sending()
    {
        string tooLong = new('u', 65);

        var result = await CliHost.RunAsync(["send-peer", "--from", tooLong, "--to", "bob", "--payload", "x", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--from").And.Contain("64");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task An_empty_payload_is_rejected_before_sending()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--payload");
        var error = result.Json()["error"]!;
        error["kind"]!.Value<string>().Should().Be("invalid_input");
        error["message"]!.Value<string>().Should().Contain("--payload");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_usage_error_and_keeps_help_off_stdout()
    {
        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        result.Stderr.Should().Contain("--payload");
        var error = result.Json()["error"]!;
        error["kind"]!.Value<string>().Should().Be("usage");
        error["message"]!.Value<string>().Should().Contain("--payload");
        _emulator.RequestCount.Should().Be(0);
    }
}
