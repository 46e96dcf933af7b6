using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Resilience;

public sealed class RateLimiterTests
{
    [Fact]
    public void Every_timer_tick_opens_a_window_even_one_that_comes_a_little_early()
    {
        var time = new FakeTimeProvider();
        using var limiters = new SignalingRateLimiters(new SignalingRateLimitOptions { MessagesPerSecond = 10 }, time);
        var limiter = limiters.Messages!;

        // Ten a second is one permit per 100 ms window.
        using (var first = limiter.AttemptAcquire())
        {
            first.IsAcquired.Should().BeTrue();
        }

        using (var second = limiter.AttemptAcquire())
        {
            second.IsAcquired.Should().BeFalse("the window's one permit is spent");
        }

        // A tick on time opens the next window.
        Thread.Sleep(100);
        time.Advance(TimeSpan.FromMilliseconds(100));
        using (var third = limiter.AttemptAcquire())
        {
            third.IsAcquired.Should().BeTrue("the tick opened the next window");
        }

        // System.Threading.RateLimiting measures the gap between refills on the real clock, and a timer may fire a
        // few milliseconds before its period is up. Such a tick used to be ignored, losing a whole window.
        Thread.Sleep(95);
        time.Advance(TimeSpan.FromMilliseconds(100));
        using var fourth = limiter.AttemptAcquire();
        fourth.IsAcquired.Should().BeTrue("a tick 5 ms early opens the next window too");
    }

    [Fact]
    public async Task A_channel_s_windows_open_on_the_client_s_clock_not_on_the_real_one()
    {
        var time = new FakeTimeProvider();
        using var channels = new ChannelRateLimiter(60, time);
        var busy = channels.For("message:busy");
        var first = Enumerable.Range(0, 6).Select(_ => busy.AttemptAcquire()).ToList();
        var queued = busy.AcquireAsync().AsTask();

        // Real time passes and the client's clock stands still: no window opens. The partitioned limiter's own
        // refill, on the real clock, used to open one every 100 ms.
        await Task.Delay(400);
        queued.IsCompleted.Should().BeFalse("only the client's clock opens a channel's next window");

        time.Advance(TimeSpan.FromMilliseconds(100));
        using var granted = await queued.WaitAsync(TimeSpan.FromSeconds(10));
        granted.IsAcquired.Should().BeTrue("a tenth of a second on the client's clock opened the next window");
        first.Should().OnlyContain(lease => lease.IsAcquired);
        first.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public async Task A_channel_over_its_quota_queues_its_publishes_while_another_channel_goes_on()
    {
        using var channels = new ChannelRateLimiter(60);
        var busy = channels.For("message:busy");

        // Sixty a second is six permits per tenth of a second; the seventh waits in the queue, it is not refused.
        var first = Enumerable.Range(0, 6).Select(_ => busy.AttemptAcquire()).ToList();
        using var seventh = busy.AttemptAcquire();
        var queued = busy.AcquireAsync().AsTask();
        using var other = channels.For("message:quiet").AttemptAcquire();

        first.Should().OnlyContain(lease => lease.IsAcquired);
        seventh.IsAcquired.Should().BeFalse("the channel's window is spent");
        queued.IsCompleted.Should().BeFalse("a publish over the quota waits for the next window");
        other.IsAcquired.Should().BeTrue("each channel has its own quota");
        busy.GetStatistics()!.CurrentQueuedCount.Should().Be(1);

        using var granted = await queued.WaitAsync(TimeSpan.FromSeconds(10));
        granted.IsAcquired.Should().BeTrue("the next window lets it through");
        first.ForEach(lease => lease.Dispose());
    }

    [Fact]
    public async Task Sixty_one_publishes_to_one_channel_are_all_granted_in_order_none_refused()
    {
        using var channels = new ChannelRateLimiter(60);
        var busy = channels.For("message:busy");

        var leases = await Task.WhenAll(Enumerable.Range(0, 61).Select(_ => busy.AcquireAsync().AsTask())).WaitAsync(TimeSpan.FromSeconds(30));

        leases.Should().OnlyContain(lease => lease.IsAcquired);
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task Every_request_also_waits_for_the_global_cap_of_the_app()
    {
        var time = new FakeTimeProvider();
        using var emulator = Agora.Signaling.Testing.SignalingEmulator.Start();
        var options = emulator.CreateClientOptions();
        options.TimeProvider = time;
        options.RateLimits.EventPullsPerSecond = 100;
        options.RateLimits.RequestsPerSecond = 10;
        using var client = new SignalingClient(options);

        // Ten a second for everything is one request per window: the event-pull quota has room, the global cap has not.
        await client.GetUserEventsAsync();
        var second = client.GetChannelEventsAsync();

        second.IsCompleted.Should().BeFalse("the global cap's window is spent until the clock opens the next one");
        emulator.RequestCount.Should().Be(1);

        Thread.Sleep(100);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        emulator.RequestCount.Should().Be(2);
    }
}
