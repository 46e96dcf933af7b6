using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class ServiceErrorTests : IDisposable
{
    private const string WrongSecret = "wrong-secret-Zq81";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    public static TheoryData<string[]> Commands => new()
    {
        { ["send-peer", "--from", "alice", "--to", "bob", "--payload", "x"] },
        { ["send-channel", "--from", "alice", "--channel", "lobby", "--payload", "x"] },
        { ["events", "users"] },
        { ["events", "channels"] },
        { ["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_wrong_secret_exits_3_with_status_and_request_id_but_never_the_secret(string[] command)
    {
        var result = await CliHost.RunAsync([.. command, .. CliHost.ConnectionArgs(_emulator, WrongSecret)]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("401").And.Contain("Request ID: 1");
        result.Stderr.Should().NotContain(WrongSecret);
        result.Stdout.Should().NotContain(WrongSecret);
        _emulator.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task With_json_the_error_is_also_an_object_on_stdout()
    {
        var result = await CliHost.RunAsync(
            ["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--json", .. CliHost.ConnectionArgs(_emulator, WrongSecret)]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        var error = result.Json()["error"]!;
        error["kind"]!.Value<string>().Should().Be("service");
        error["status"]!.Value<int>().Should().Be(401);
        error["requestId"]!.Value<string>().Should().Be("1");
        error["reason"]!.Value<string>().Should().NotBeNullOrEmpty();
        error["message"]!.Value<string>().Should().Contain("401").And.Contain("Request ID: 1");
        ((JObject)error).Properties().Select(p => p.Name).Should().Contain(["status", "code", "reason", "requestId", "message"]);
        result.Stdout.Should().NotContain(WrongSecret);
        result.Stderr.Should().NotContain(WrongSecret);
    }

    [Fact]
    public async Task A_closed_port_exits_4()
    {
        var args = CliHost.ConnectionArgs(_emulator).ToList();
        args[args.IndexOf("--base-url") + 1] = CliHost.ClosedLoopbackUrl();

        var result = await CliHost.RunAsync(["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", "--json", .. args]);

        result.ExitCode.Should().Be(ExitCodes.Unreachable, result.ToString());
        result.Stderr.Should().Contain("Could not reach the service");
        result.Json()["error"]!["kind"]!.Value<string>().Should().Be("unreachable");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_closed_history_port_exits_4()
    {
        var args = CliHost.ConnectionArgs(_emulator).ToList();
        args[args.IndexOf("--history-base-url") + 1] = CliHost.ClosedLoopbackUrl();

        var result = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", .. args]);

        result.ExitCode.Should().Be(ExitCodes.Unreachable, result.ToString());
    }

    [Fact]
    public async Task Cancelling_a_one_shot_command_exits_130()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var result = await CliHost.RunAsync(
            ["send-peer", "--from", "alice", "--to", "bob", "--payload", "x", .. CliHost.ConnectionArgs(_emulator)], cancellationToken: cancellation.Token);

        result.ExitCode.Should().Be(ExitCodes.Cancelled, result.ToString());
        _emulator.Messages.Should().BeEmpty();
    }
}
