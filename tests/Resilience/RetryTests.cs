using Agora.Signaling.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Resilience;

public sealed class RetryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;

    private readonly FakeLogCollector _log = new();
    private readonly ILoggerFactory _loggerFactory;

    public RetryTests()
    {
        _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = _time });
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(_log)));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(408)]
    public async Task A_send_that_hits_a_server_error_reaches_the_server_exactly_once(int status)
    {
        using var client = Client();
        _emulator.InjectFaults(EmulatorFault.Status(status, afterProcessing: true));

        var act = () => _time.DriveAsync(client.SendPeerMessageAsync("alice", "bob", "once"), TimeSpan.FromSeconds(1));

        var error = (await act.Should().ThrowAsync<SignalingOutcomeUnknownException>()).Which;
        error.Status.Should().Be(status);
        error.Message.Should().Contain("outcome is unknown").And.Contain("not resent");
        _emulator.RequestCount.Should().Be(1);
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task A_send_whose_connection_drops_after_processing_is_not_resent()
    {
        using var client = Client();
        _emulator.InjectFaults(EmulatorFault.DropConnection());

        var act = () => _time.DriveAsync(client.SendChannelMessageAsync("alice", "room", "once"), TimeSpan.FromSeconds(1));

        (await act.Should().ThrowAsync<SignalingOutcomeUnknownException>()).Which.Status.Should().Be(0);
        _emulator.RequestCount.Should().Be(1);
        _emulator.ChannelMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_resent_after_that_delay()
    {
        using var client = Client();
        _emulator.InjectFaults(EmulatorFault.Status(429, retryAfter: TimeSpan.FromSeconds(7)));

        var send = client.SendPeerMessageAsync("alice", "bob", "after 429");
        await RetryScheduledAsync();
        _time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Delay(100);
        _emulator.RequestCount.Should().Be(1, "Retry-After said 7 seconds");

        _time.Advance(TimeSpan.FromSeconds(0.2));
        var response = await _time.DriveAsync(send, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(1));

        response.Status.Should().Be(MessageDeliveryStatus.Sent);
        _emulator.RequestCount.Should().Be(2);
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task A_Retry_After_date_is_honoured()
    {
        using var client = Client();
        _emulator.InjectFaults(EmulatorFault.Status(429, retryAfter: TimeSpan.FromSeconds(30)));

        var read = client.GetMessageHistoryAsync("alice", HistoryChannelType.Message, "room");
        await RetryScheduledAsync();
        _time.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100);
        _emulator.RequestCount.Should().Be(1);
        await _time.DriveAsync(read, TimeSpan.FromSeconds(1));

        _emulator.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task Reads_retry_through_a_run_of_503s_with_growing_backoff()
    {
        using var client = Client();
        _emulator.SeedHistory(HistoryChannelType.Message, "room", new StoredHistoryMessage("alice", "kept", 1));
        _emulator.InjectFaults(EmulatorFault.Status(503), EmulatorFault.Status(503), EmulatorFault.Status(503));

        var read = client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room");
        await RetryScheduledAsync();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await Task.Delay(100);
        _emulator.RequestCount.Should().Be(1, "the first backoff is about a second, not immediate");

        var response = await _time.DriveAsync(read, TimeSpan.FromMilliseconds(250));

        response.Data!.MessageList.Should().ContainSingle().Which.Message.Should().Be("kept");
        _emulator.RequestCount.Should().Be(4);
    }

    [Fact]
    public async Task Reads_give_up_after_the_configured_retries_and_say_how_many_attempts_on_which_hosts()
    {
        using var client = Client(o => o.Retry.MaxRetries = 2);
        _emulator.InjectFaults(EmulatorFault.Status(503), EmulatorFault.Status(503), EmulatorFault.Status(503), EmulatorFault.Status(503));

        var act = () => _time.DriveAsync(client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room"), TimeSpan.FromMilliseconds(250));

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(503);
        error.Attempts.Should().HaveCount(3).And.OnlyContain(a => a.Status == 503);
        error.Message.Should().Contain("after 3 attempts").And.Contain(_emulator.Endpoint.Authority);
        _emulator.RequestCount.Should().Be(3);
    }

    [Fact]
    public async Task Event_pulls_retry_server_errors_but_not_a_lost_answer()
    {
        using var client = Client();
        _emulator.EnqueueUserEvent("alice", "Login", 1);
        _emulator.InjectFaults(EmulatorFault.Status(503));

        var pulled = await _time.DriveAsync(client.GetUserEventsAsync(), TimeSpan.FromMilliseconds(250));

        pulled.Events.Should().ContainSingle();
        _emulator.RequestCount.Should().Be(2);

        _emulator.EnqueueUserEvent("bob", "Login", 2);
        _emulator.InjectFaults(EmulatorFault.DropConnection());
        var lost = () => _time.DriveAsync(client.GetUserEventsAsync(), TimeSpan.FromMilliseconds(250));

        (await lost.Should().ThrowAsync<SignalingOutcomeUnknownException>()).Which.Operation.Should().Be("GetUserEvents");
        _emulator.RequestCount.Should().Be(3, "a second pull would hide that the first one's events are gone");
    }

    [Fact]
    public async Task Sends_can_opt_in_to_retrying_every_transient_failure()
    {
        using var client = Client(o => o.Retry.RetrySends = SendRetryMode.OnAnyTransientFailure);
        _emulator.InjectFaults(EmulatorFault.Status(500, afterProcessing: true));

        var response = await _time.DriveAsync(client.SendPeerMessageAsync("alice", "bob", "twice"), TimeSpan.FromMilliseconds(250));

        response.Status.Should().Be(MessageDeliveryStatus.Sent);
        _emulator.PeerMessages.Should().HaveCount(2, "the caller accepted that a resend may deliver twice");
    }

    [Fact]
    public async Task Cancellation_stops_a_retry_wait_at_once()
    {
        using var client = Client();
        _emulator.InjectFaults(EmulatorFault.Status(503), EmulatorFault.Status(503));
        using var cancellation = new CancellationTokenSource();

        var read = client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room", cancellationToken: cancellation.Token);
        await FakeClock.UntilAsync(() => _emulator.RequestCount == 1);
        await Task.Delay(50);
        cancellation.Cancel();
        var act = () => read;

        await act.Should().ThrowAsync<OperationCanceledException>();
        _emulator.RequestCount.Should().Be(1, "the clock never moved, so only a cancelled wait can have ended the call");
    }

    [Fact]
    public async Task The_overall_timeout_bounds_a_call_with_its_retries()
    {
        using var client = Client(o => o.OverallTimeout = TimeSpan.FromSeconds(3));
        _emulator.InjectFaults(Enumerable.Repeat(EmulatorFault.Status(503), 10).ToArray());

        var act = () => _time.DriveAsync(client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room"), TimeSpan.FromMilliseconds(250));

        (await act.Should().ThrowExactlyAsync<SignalingTimeoutException>()).Which.Message.Should().Contain("GetMessageHistory");
        _emulator.RequestCount.Should().BeLessThan(4);
    }

    public void Dispose()
    {
        _emulator.Dispose();
        _loggerFactory.Dispose();
    }

    // The clock may only move once the client has set its backoff timer, or the timer starts late. The retry is
    // logged just before the timer is set, on the same thread, so the log line plus a moment is the signal.
    private async Task RetryScheduledAsync()
    {
        await FakeClock.UntilAsync(() => _log.GetSnapshot().Any(record => record.Id.Id == 1004));
        await Task.Delay(50);
    }

    private SignalingClient Client(Action<SignalingClientOptions>? configure = null)
    {
        var options = _emulator.CreateClientOptions(new BasicCredential(_emulator.CustomerId, _emulator.CustomerSecret));

        // The fake clock races ahead while the tests drive it; only the timeouts a test sets itself may fire.
        options.Timeout = TimeSpan.FromHours(1);
        options.OverallTimeout = TimeSpan.FromHours(2);
        options.LoggerFactory = _loggerFactory;
        configure?.Invoke(options);
        return new SignalingClient(options);
    }
}
