using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Resilience;

/// <summary>The per-attempt token source is reused on the system clock; reuse must never carry a cancellation over.</summary>
public sealed class TimeoutTokenTests
{
    [Fact]
    public void A_caller_cancelling_after_its_attempt_ended_does_not_reach_the_next_attempt()
    {
        using var caller = new CancellationTokenSource();
        var first = TimeoutToken.Start(TimeSpan.FromMinutes(1), caller.Token, TimeProvider.System);
        first.Dispose();

        using var next = TimeoutToken.Start(TimeSpan.FromMinutes(1), CancellationToken.None, TimeProvider.System);
        caller.Cancel();

        next.Token.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public void A_source_is_reused_on_the_same_thread_once_its_attempt_has_ended()
    {
        var first = TimeoutToken.Start(TimeSpan.FromMinutes(1), CancellationToken.None, TimeProvider.System);
        var token = first.Token;
        first.Dispose();

        using var next = TimeoutToken.Start(TimeSpan.FromMinutes(1), CancellationToken.None, TimeProvider.System);

        next.Token.Should().Be(token, "the spare source was handed to the next attempt");
    }

    [Fact]
    public async Task A_timed_out_source_is_not_reused()
    {
        var first = TimeoutToken.Start(TimeSpan.FromMilliseconds(1), CancellationToken.None, TimeProvider.System);
        await Task.Delay(Timeout.Infinite, first.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        first.Dispose();

        using var next = TimeoutToken.Start(TimeSpan.FromMinutes(1), CancellationToken.None, TimeProvider.System);

        next.Token.IsCancellationRequested.Should().BeFalse();
    }

    [Fact]
    public void A_reused_source_is_rearmed_with_the_new_attempts_timeout()
    {
        TimeoutToken.Start(TimeSpan.FromMinutes(1), CancellationToken.None, TimeProvider.System).Dispose();

        using var next = TimeoutToken.Start(TimeSpan.Zero, CancellationToken.None, TimeProvider.System);

        SpinWait.SpinUntil(() => next.Token.IsCancellationRequested, TimeSpan.FromSeconds(5)).Should().BeTrue();
    }

    [Fact]
    public void On_a_fake_clock_the_attempt_ends_when_the_clock_passes_its_timeout()
    {
        var time = new FakeTimeProvider();
        using var attempt = TimeoutToken.Start(TimeSpan.FromSeconds(30), CancellationToken.None, time);

        time.Advance(TimeSpan.FromSeconds(29));
        attempt.Token.IsCancellationRequested.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        attempt.Token.IsCancellationRequested.Should().BeTrue();
    }

    [Fact]
    public void Timed_out_says_whether_the_time_ran_out_or_the_caller_cancelled()
    {
        var time = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var timedOut = TimeoutToken.Start(TimeSpan.FromSeconds(1), CancellationToken.None, time);
        using var cancelled = TimeoutToken.Start(TimeSpan.FromSeconds(1), caller.Token, time);

        caller.Cancel();
        cancelled.Token.IsCancellationRequested.Should().BeTrue();
        time.Advance(TimeSpan.FromSeconds(1));

        timedOut.TimedOut.Should().BeTrue();
        cancelled.TimedOut.Should().BeFalse("the caller cancelled first");
    }

    [Fact]
    public void An_infinite_timeout_runs_the_attempt_on_the_callers_token()
    {
        using var caller = new CancellationTokenSource();

        using var attempt = TimeoutToken.Start(Timeout.InfiniteTimeSpan, caller.Token, TimeProvider.System);

        attempt.Token.Should().Be(caller.Token);
    }
}
