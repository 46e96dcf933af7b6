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

        // One a second: the next permit is a second of Redis's clock away, and its caller waits for it meanwhile.
        var waiting = limiter.AcquireAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(30));
        var idleWhileWaiting = limiter.IdleDuration;
        bool stillWaiting = !waiting.IsCompleted;
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
    public async Task Disposing_it_disposes_the_local_limiter_it_owns()
    {
        await using var coordination = await ConnectAsync(TimeProvider.System);
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromSeconds(1) });
        var limiter = coordination.CreateLimiter(new SignalingQuota("app", "publish", "message:dropped", 60), local);

        limiter.Dispose();

        local.Invoking(l => l.AttemptAcquire()).Should().Throw<ObjectDisposedException>("a dropped channel's fallback window goes with it");
    }

    private async Task<RedisCoordination> ConnectAsync(TimeProvider clock)
    {
        var options = new RedisCoordinationOptions { KeyPrefix = Guid.NewGuid().ToString("N"), CommandTimeout = TimeSpan.FromSeconds(2) };
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        return new RedisCoordination(Task.FromResult<IConnectionMultiplexer>(connection), ownsConnection: true, options, NullLogger.Instance, clock);
    }
}
