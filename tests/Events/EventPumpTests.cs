using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Events;

public sealed class EventPumpTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;
    private readonly SignalingClient _client;

    public EventPumpTests()
    {
        _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = _time });
        // These tests are about the pump; the rate limit has its own test below.
        _client = new SignalingClient(Options(o => o.RateLimits.Enabled = false));
    }

    [Fact]
    public async Task Draining_yields_every_batch_and_stops_at_the_first_empty_pull()
    {
        for (int i = 0; i < 1900; i++)
        {
            _emulator.EnqueueUserEvent($"u{i}", "Login", i);
        }

        var batches = new List<IReadOnlyList<UserEvent>>();
        await foreach (var batch in _client.ReadUserEventsAsync())
        {
            batches.Add(batch);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        batches.Select(b => b.Count).Should().Equal(1000, 900);
        batches.SelectMany(b => b).Select(e => e.Ms).Should().BeInAscendingOrder().And.HaveCount(1900).And.OnlyHaveUniqueItems();
        _emulator.RequestCount.Should().Be(3, "two batches and the empty pull that ends the drain");
    }

    [Fact]
    public async Task Draining_stops_after_a_pull_of_only_events_newer_than_its_start_on_a_busy_app()
    {
        long began = _time.GetUtcNow().ToUnixTimeMilliseconds();
        for (int i = 0; i < 1000; i++)
        {
            _emulator.EnqueueUserEvent($"old{i}", "Login", began - 1000 + i);
        }

        // What a busy app adds while the drain runs: never an empty store.
        for (int i = 0; i < 900; i++)
        {
            _emulator.EnqueueUserEvent($"new{i}", "Login", began + 1 + i);
        }

        var batches = new List<IReadOnlyList<UserEvent>>();
        await foreach (var batch in _client.ReadUserEventsAsync(new EventPumpOptions { TimeProvider = _time }))
        {
            batches.Add(batch);
        }

        batches.Select(b => b.Count).Should().Equal(1000, 900);
        _emulator.RequestCount.Should().Be(2, "the second pull brought only events newer than the drain's start, so no third was made");
        _emulator.PendingUserEventCount.Should().Be(0);
    }

    [Fact]
    public async Task Draining_goes_on_while_a_pull_holds_an_event_from_before_its_start()
    {
        long began = _time.GetUtcNow().ToUnixTimeMilliseconds();
        _emulator.EnqueueChannelEvent("room", "old", "Join", began);
        _emulator.EnqueueChannelEvent("room", "new", "Join", began + 1);

        int pulls = 0;
        await foreach (var batch in _client.ReadChannelEventsAsync(new EventPumpOptions { TimeProvider = _time }))
        {
            pulls++;
        }

        pulls.Should().Be(1);
        _emulator.RequestCount.Should().Be(2, "an event from the drain's own millisecond is not new, so the drain pulls until empty");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Max_pulls_bounds_a_drain_and_a_follow(bool follow)
    {
        for (int i = 0; i < 2000; i++)
        {
            _emulator.EnqueueUserEvent($"u{i}", "Login", 1 + i);
        }

        int batches = 0;
        await foreach (var batch in _client.ReadUserEventsAsync(new EventPumpOptions { Follow = follow, MaxPulls = 1, TimeProvider = _time }))
        {
            batches++;
        }

        batches.Should().Be(1);
        _emulator.RequestCount.Should().Be(1);
        _emulator.PendingUserEventCount.Should().Be(1000);
    }

    [Fact]
    public void Max_pulls_below_one_is_refused()
    {
        var act = () => _client.ReadUserEventsAsync(new EventPumpOptions { MaxPulls = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("options").WithMessage("*MaxPulls*");
    }

    [Fact]
    public async Task A_batch_is_handed_over_whole_even_when_the_caller_fails_on_its_first_event()
    {
        _emulator.EnqueueChannelEvent("room", "alice", "Join", 1);
        _emulator.EnqueueChannelEvent("room", "bob", "Join", 2);
        IReadOnlyList<ChannelEvent>? received = null;

        var act = async () =>
        {
            await foreach (var batch in _client.ReadChannelEventsAsync())
            {
                received = batch;
                throw new InvalidOperationException("the caller's own step failed");
            }
        };

        await act.Should().ThrowAsync<InvalidOperationException>();
        received!.Select(e => e.UserId).Should().Equal("alice", "bob");
        _emulator.RequestCount.Should().Be(1, "nothing more is pulled once the caller stops asking");
    }

    [Fact]
    public async Task Following_waits_when_idle_and_picks_up_new_events_until_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var received = new List<string?>();
        var options = new EventPumpOptions { Follow = true, IdleDelay = TimeSpan.FromSeconds(2), TimeProvider = _time };

        var pump = Task.Run(async () =>
        {
            await foreach (var batch in _client.ReadUserEventsAsync(options, cancellation.Token))
            {
                lock (received)
                {
                    received.AddRange(batch.Select(e => e.UserId));
                }
            }
        });

        await FakeClock.UntilAsync(() => _emulator.RequestCount == 1);
        _emulator.EnqueueUserEvent("late", "Login");
        await Task.Delay(50);
        _emulator.RequestCount.Should().Be(1, "the pump waits out its idle delay before pulling again");
        _time.Advance(TimeSpan.FromSeconds(2));
        await FakeClock.UntilAsync(() => { lock (received) { return received.Count == 1; } });
        cancellation.Cancel();

        await pump.Invoking(p => p).Should().ThrowAsync<OperationCanceledException>();
        received.Should().Equal("late");
    }

    [Fact]
    public async Task Pulls_wait_for_the_event_rate_limit_one_window_at_a_time()
    {
        using var limited = new SignalingClient(Options(_ => { }));
        var pulls = Enumerable.Range(0, 3).Select(_ => limited.GetUserEventsAsync()).ToList();
        await FakeClock.UntilAsync(() => _emulator.RequestCount == 1);
        await Task.Delay(300);
        _emulator.RequestCount.Should().Be(1, "10 pulls a second is one pull per 100 ms window of the client's clock");

        _time.Advance(TimeSpan.FromMilliseconds(100));
        await FakeClock.UntilAsync(() => _emulator.RequestCount == 2);
        await Task.Delay(200);
        _emulator.RequestCount.Should().Be(2);

        // System.Threading.RateLimiting also ignores a refill less than a window of real time after the last.
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await Task.WhenAll(pulls);
        _emulator.RequestCount.Should().Be(3);
    }

    [Fact]
    public async Task Rate_limits_can_be_switched_off()
    {
        using var unlimited = new SignalingClient(Options(o => o.RateLimits.Enabled = false));

        await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => unlimited.GetChannelEventsAsync()));

        _emulator.RequestCount.Should().Be(25);
    }

    public void Dispose()
    {
        _client.Dispose();
        _emulator.Dispose();
    }

    private SignalingClientOptions Options(Action<SignalingClientOptions> configure)
    {
        // The emulator's options carry the fake clock, which the client's timeouts and limiters then run on.
        var options = _emulator.CreateClientOptions(new BasicCredential(_emulator.CustomerId, _emulator.CustomerSecret));
        options.Timeout = TimeSpan.FromHours(1);
        options.OverallTimeout = TimeSpan.FromHours(2);
        configure(options);
        return options;
    }
}
