using Agora.Signaling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Resilience;

/// <summary>
/// The overall timeout bounds everything a call does: permit waits, attempts and backoff. Each test drives a fake
/// clock and checks both when the call ended and what the service saw.
/// </summary>
public sealed class OverallTimeoutTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;

    public OverallTimeoutTests() => _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = _time });

    [Fact]
    public async Task A_Retry_After_longer_than_the_time_left_ends_a_read_at_once_with_the_service_s_answer()
    {
        using var client = Client(o => o.OverallTimeout = TimeSpan.FromSeconds(5));
        _emulator.InjectFaults(EmulatorFault.Status(503, retryAfter: TimeSpan.FromSeconds(60)));
        var began = _time.GetUtcNow();

        var act = () => _time.DriveAsync(client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room"), Step);

        var error = (await act.Should().ThrowExactlyAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(503);
        error.Message.Should().Contain("GetMessageHistory");
        (_time.GetUtcNow() - began).Should().BeLessThan(TimeSpan.FromSeconds(5), "a 60 s Retry-After cannot fit in a 5 s budget, so the call ends before it, not at it (the fake clock moves in steps while the call runs)");
        _emulator.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task An_attempt_timeout_longer_than_the_overall_timeout_is_cut_to_it()
    {
        using var client = Client(o => o.OverallTimeout = TimeSpan.FromSeconds(3));
        _emulator.InjectFaults(EmulatorFault.Slow(TimeSpan.FromHours(2)));
        var began = _time.GetUtcNow();

        var act = () => _time.DriveAsync(client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room"), Step);

        await act.Should().ThrowExactlyAsync<SignalingTimeoutException>();
        (_time.GetUtcNow() - began).Should().BeLessThan(TimeSpan.FromSeconds(8), "the 1 h attempt timeout is cut to the 3 s left of the call");
        _emulator.RequestCount.Should().Be(1, "no attempt starts once the budget is spent");
    }

    [Fact]
    public async Task A_send_refused_with_429_whose_Retry_After_outlasts_the_budget_ends_with_the_429()
    {
        using var client = Client(o => o.OverallTimeout = TimeSpan.FromSeconds(5));
        _emulator.InjectFaults(EmulatorFault.Status(429, retryAfter: TimeSpan.FromSeconds(60)));

        var act = () => _time.DriveAsync(client.SendPeerMessageAsync("alice", "bob", "late"), Step);

        var error = (await act.Should().ThrowExactlyAsync<SignalingServiceException>("a 429 was refused before processing: not sent, and not unknown")).Which;
        error.Status.Should().Be(429);
        error.Message.Should().Contain("SendPeerMessage").And.Contain("1 attempt");
        _emulator.PeerMessages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_send_after_a_lost_answer_is_still_reported_as_unknown_when_the_budget_runs_out()
    {
        using var client = Client(o =>
        {
            o.OverallTimeout = TimeSpan.FromSeconds(5);
            o.Retry.RetrySends = SendRetryMode.OnAnyTransientFailure;
        });
        _emulator.InjectFaults(EmulatorFault.Status(503, retryAfter: TimeSpan.FromSeconds(60), afterProcessing: true));

        var act = () => _time.DriveAsync(client.SendPeerMessageAsync("alice", "bob", "maybe"), Step);

        await act.Should().ThrowAsync<SignalingOutcomeUnknownException>();
        _emulator.PeerMessages.Should().ContainSingle("the first attempt was processed before the 503");
    }

    [Fact]
    public async Task A_wait_for_a_rate_limit_permit_ends_at_the_overall_timeout_and_sends_nothing()
    {
        using var client = Client(o =>
        {
            o.OverallTimeout = TimeSpan.FromMilliseconds(500);
            o.RateLimits.Enabled = true;
            o.RateLimits.MessagesPerSecond = 1;
        });
        await client.SendPeerMessageAsync("alice", "bob", "first");

        var act = () => _time.DriveAsync(client.SendPeerMessageAsync("alice", "bob", "second"), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));

        (await act.Should().ThrowExactlyAsync<SignalingTimeoutException>()).Which.Message.Should().Contain("SendPeerMessage was not sent");
        _emulator.PeerMessages.Should().ContainSingle();
        _emulator.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Cancelling_a_call_in_backoff_gives_the_callers_cancellation_not_a_timeout()
    {
        using var client = Client(o => o.OverallTimeout = TimeSpan.FromSeconds(30));
        _emulator.InjectFaults(EmulatorFault.Status(503, retryAfter: TimeSpan.FromSeconds(20)));
        using var cancellation = new CancellationTokenSource();

        var read = client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room", cancellationToken: cancellation.Token);
        await FakeClock.UntilAsync(() => _emulator.RequestCount == 1);
        _time.Advance(TimeSpan.FromSeconds(5));
        cancellation.Cancel();
        var act = () => read;

        await act.Should().ThrowAsync<OperationCanceledException>();
        _emulator.RequestCount.Should().Be(1);
    }

    public void Dispose() => _emulator.Dispose();

    private SignalingClient Client(Action<SignalingClientOptions> configure)
    {
        var options = _emulator.CreateClientOptions(new BasicCredential(_emulator.CustomerId, _emulator.CustomerSecret));
        options.Timeout = TimeSpan.FromHours(1);
        configure(options);
        return new SignalingClient(options);
    }
}
