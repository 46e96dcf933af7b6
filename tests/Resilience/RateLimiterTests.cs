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
}
