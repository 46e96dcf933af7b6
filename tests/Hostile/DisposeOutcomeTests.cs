using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// Disposing a client cancels what it has in flight. A call that never reached the service must say it was not sent,
/// not that its outcome is unknown or that no answer came in time.
/// </summary>
public sealed class DisposeOutcomeTests
{
    [Fact]
    public async Task A_send_waiting_for_a_rate_limit_permit_reports_not_sent_when_the_client_is_disposed()
    {
        using var emulator = SignalingEmulator.Start();
        var options = emulator.CreateClientOptions();
        options.RateLimits.Enabled = true;
        options.RateLimits.MessagesPerSecond = 1;
        var client = new SignalingClient(options);
        await client.SendPeerMessageAsync("server", "alice", "first");

        var waiting = client.SendPeerMessageAsync("server", "alice", "second");
        await Task.Delay(50);
        waiting.IsCompleted.Should().BeFalse("the second message waits for the next second's permit");
        client.Dispose();

        var error = (await FluentActions.Awaiting(() => waiting).Should().ThrowExactlyAsync<ObjectDisposedException>()).Which;
        error.Message.Should().Contain("SendPeerMessage").And.Contain("nothing was sent");
        emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be("first");
    }

    [Fact]
    public async Task A_read_in_flight_reports_the_disposal_not_a_timeout()
    {
        using var emulator = SignalingEmulator.Start();
        emulator.InjectFaults(EmulatorFault.Slow(TimeSpan.FromSeconds(20)));
        var client = emulator.CreateClient();

        var reading = client.GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby");
        await WaitUntilAsync(() => emulator.RequestCount == 1);
        client.Dispose();

        var error = (await FluentActions.Awaiting(() => reading).Should().ThrowExactlyAsync<ObjectDisposedException>()).Which;
        error.Message.Should().Contain("GetMessageHistory").And.Contain("disposed");
    }

    [Fact]
    public async Task A_send_in_flight_keeps_its_outcome_unknown()
    {
        using var emulator = SignalingEmulator.Start();
        emulator.InjectFaults(EmulatorFault.Slow(TimeSpan.FromSeconds(20)));
        var client = emulator.CreateClient();

        var sending = client.SendChannelMessageAsync("server", "lobby", "maybe");
        await WaitUntilAsync(() => emulator.RequestCount == 1);
        client.Dispose();

        await FluentActions.Awaiting(() => sending).Should().ThrowExactlyAsync<SignalingOutcomeUnknownException>("it reached the service, which may have processed it");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
