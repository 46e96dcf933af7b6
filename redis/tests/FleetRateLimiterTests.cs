using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace Agora.Signaling.Redis.Tests;

/// <summary>
/// The fleet limiter of one quota, as a per-channel limiter holds it: System.Threading.RateLimiting's partitioned
/// limiter drops (and disposes) a partition whose <see cref="RateLimiter.IdleDuration"/> passes about ten seconds.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class FleetRateLimiterTests(RedisFixture redis)
{
    [Fact]
    public async Task It_is_not_idle_while_a_caller_waits_on_Redis_and_then_idle_from_its_last_use_on_the_coordination_clock()
    {
        var clock = new FakeTimeProvider();
        await using var coordination = await ConnectAsync(clock);
        using var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) });
        using var limiter = coordination.CreateLimiter(new SignalingQuota("app", "publish", "message:busy", 1), local);

        clock.Advance(TimeSpan.FromSeconds(30));
        var idleBeforeUse = limiter.IdleDuration;
        using (var first = await limiter.AcquireAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30)))
        {
            first.IsAcquired.Should().BeTrue();
        }

        // One a second: the next permit is a second of Redis's clock away, and its caller waits for it meanwhile. Its
        // pause before asking again runs on the coordination's clock, so it asks again only once that clock moves, by
        // when the window (on the real clock) has a permit again.
        var waiting = limiter.AcquireAsync().AsTask();
        await Task.Delay(WindowFrees);
        var idleWhileWaiting = limiter.IdleDuration;
        bool stillWaiting = !waiting.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(30));
        using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(4));

        idleBeforeUse.Should().Be(TimeSpan.FromSeconds(30), "idleness counts from creation on the coordination's clock");
        stillWaiting.Should().BeTrue("the quota is one a second");
        idleWhileWaiting.Should().BeNull("a caller waiting for a permit from Redis is use, though the local limiter is untouched");
        second.IsAcquired.Should().BeTrue();
        limiter.IdleDuration.Should().Be(TimeSpan.FromSeconds(4), "idleness counts from the last permit");
        local.GetStatistics()!.TotalSuccessfulLeases.Should().Be(0, "Redis granted every permit");
    }

    [Fact]
    public async Task Asks_that_find_the_window_full_pause_a_permits_interval_for_each_ask_in_flight_before_asking_again()
    {
        var clock = new FakeTimeProvider();
        await using var coordination = await ConnectAsync(clock);
        using var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) });
        using var limiter = coordination.CreateLimiter(new SignalingQuota("app", "messages", null, 1), local);
        using var first = await limiter.AcquireAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        long before = await AsksAsync();

        // One permit a second is an interval of a second; three asks in flight each pause three of them.
        using var stop = new CancellationTokenSource();
        var waiting = Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(1, stop.Token).AsTask()).ToList();
        await WaitForAsync(async () => await AsksAsync() - before >= 3);
        await Task.Delay(WindowFrees);
        long refused = await AsksAsync() - before;
        clock.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        long beforeTheirTurn = await AsksAsync() - before;
        bool noneGranted = waiting.TrueForAll(w => !w.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForAsync(async () => waiting.Exists(w => w.IsCompleted) && await AsksAsync() - before >= 6);

        first.IsAcquired.Should().BeTrue();
        refused.Should().Be(3, "each ask found the window full once, and none asked again while its pause ran");
        beforeTheirTurn.Should().Be(3, "with three asks in flight, none asks again before three intervals have passed, though the window has a permit again");
        noneGranted.Should().BeTrue();
        (await AsksAsync() - before).Should().BeLessThanOrEqualTo(6, "at the end of their pause each asks once, and those refused pause again");
        waiting.Count(w => w.IsCompleted).Should().Be(1, "the window frees one permit a second");

        // The other two pause on a clock that no longer moves; they give up.
        await stop.CancelAsync();
        await Task.WhenAll(waiting.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(30));
        waiting.Count(w => w.IsCanceled).Should().Be(2);
    }

    [Fact]
    public async Task Disposing_it_disposes_the_local_limiter_it_owns()
    {
        await using var coordination = await ConnectAsync(TimeProvider.System);
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) });
        var limiter = coordination.CreateLimiter(new SignalingQuota("app", "publish", "message:dropped", 60), local);

        limiter.Dispose();

        local.Invoking(l => l.AttemptAcquire()).Should().Throw<ObjectDisposedException>("a dropped channel's fallback window goes with it");
    }

    // Longer than the one-second window of Redis's permits, on the real clock that dates them.
    private static readonly TimeSpan WindowFrees = TimeSpan.FromSeconds(1.2);

    // The asks every limiter has made of this Redis so far (the tests of its collection run one at a time): each is one script call.
    private async Task<long> AsksAsync()
    {
        var options = ConfigurationOptions.Parse(redis.Server.Configuration);
        options.AllowAdmin = true;
        await using var admin = await ConnectionMultiplexer.ConnectAsync(options);
        var stats = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        return stats.SelectMany(group => group)
            .Where(stat => stat.Key is "cmdstat_eval" or "cmdstat_evalsha")
            .Sum(stat => long.Parse(stat.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(50);
        }

        (await condition()).Should().BeTrue("the asks reach Redis within 10 seconds");
    }

    private async Task<RedisCoordination> ConnectAsync(TimeProvider clock)
    {
        var options = new RedisCoordinationOptions { KeyPrefix = Guid.NewGuid().ToString("N"), CommandTimeout = TimeSpan.FromSeconds(2) };
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        return new RedisCoordination(Task.FromResult<IConnectionMultiplexer>(connection), ownsConnection: true, options, NullLogger.Instance, clock);
    }
}
