using System.Collections.Concurrent;
using System.Diagnostics;
using Agora.Signaling.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Agora.Signaling.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class PullLeaseTests(RedisFixture redis, ITestOutputHelper output)
{
    // Long enough that a stall of the busy test machine does not pass for a dead holder.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Following_pumps_of_two_instances_pull_one_at_a_time_and_the_other_takes_over_when_the_holder_stops()
    {
        using var emulator = SignalingEmulator.Start();
        string prefix = Guid.NewGuid().ToString("N");
        await using var first = new FleetInstance(emulator, redis.Server.Configuration, coordination: Coordination(prefix));
        await using var second = new FleetInstance(emulator, redis.Server.Configuration, coordination: Coordination(prefix));
        var delivered = new ConcurrentQueue<(string Instance, string UserId)>();
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var pumps = new[]
        {
            PumpAsync(first.Client, "first", delivered, stopFirst.Token),
            PumpAsync(second.Client, "second", delivered, stopSecond.Token),
        };

        for (int i = 0; i < 30; i++)
        {
            emulator.EnqueueUserEvent($"before-{i}", "Login");
            await Task.Delay(20);
        }

        await WaitForAsync(() => delivered.Count >= 30);
        string holder = delivered.First().Instance;
        delivered.Select(d => d.Instance).Should().AllBe(holder, "only the instance holding the lease pulls");

        // The holder stops and releases the lease; the other takes over.
        (holder == "first" ? stopFirst : stopSecond).Cancel();
        for (int i = 0; i < 30; i++)
        {
            emulator.EnqueueUserEvent($"after-{i}", "Login");
        }

        await WaitForAsync(() => delivered.Count >= 60);
        delivered.Skip(30).Select(d => d.Instance).Should().AllBe(holder == "first" ? "second" : "first");
        delivered.Select(d => d.UserId).Should().OnlyHaveUniqueItems("each event is delivered once").And.HaveCount(60);

        stopFirst.Cancel();
        stopSecond.Cancel();
        await Task.WhenAll(pumps);
    }

    [Fact]
    public async Task A_waiting_instance_takes_over_a_dead_holders_lease_as_it_expires_not_up_to_a_quarter_of_the_lease_time_later()
    {
        // A second is the longest a waiting instance waits between looks (a quarter of this lease time); the dead
        // holder's key expires just after its second look, near the worst case for looking a fixed quarter apart.
        var leaseTime = TimeSpan.FromSeconds(4);
        var expiresIn = TimeSpan.FromMilliseconds(1100);
        await using var coordination = await ConnectAsync(leaseTime);
        await using var lease = coordination.OpenPullLease("app", "user-events");
        var db = (await coordination.ConnectAsync(CancellationToken.None)).GetDatabase();
        string key = coordination.Key("app", "pull-lease", "user-events");

        // What a holder that died leaves: its token, and the time left of its last renewal.
        var clock = Stopwatch.StartNew();
        (await db.StringSetAsync(key, "dead-holder", expiresIn, When.NotExists)).Should().BeTrue();
        await lease.WaitUntilHeldAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var late = clock.Elapsed - expiresIn;
        output.WriteLine($"taken {late.TotalMilliseconds:0} ms after the key expired");

        // Looking a fixed quarter apart took it about 0.9 s late here; the allowance is for a busy machine's timers and round trips.
        late.Should().BeLessThan(TimeSpan.FromMilliseconds(400), "the wait ends when the key's remaining time does");
        ((string?)await db.StringGetAsync(key)).Should().NotBe("dead-holder").And.NotBeNull("the waiting instance holds it now");
    }

    [Fact]
    public async Task A_waiting_instance_notices_a_lease_released_early_within_a_quarter_of_the_lease_time()
    {
        var leaseTime = TimeSpan.FromSeconds(4);
        await using var coordination = await ConnectAsync(leaseTime);
        await using var lease = coordination.OpenPullLease("app", "user-events");
        var db = (await coordination.ConnectAsync(CancellationToken.None)).GetDatabase();
        string key = coordination.Key("app", "pull-lease", "user-events");

        // A live holder's key, with nearly all of its lease time left; the holder then stops and releases it.
        (await db.StringSetAsync(key, "holder", leaseTime, When.NotExists)).Should().BeTrue();
        var waiting = lease.WaitUntilHeldAsync(CancellationToken.None).AsTask();
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        bool waitedForTheHolder = !waiting.IsCompleted;
        var clock = Stopwatch.StartNew();
        (await db.KeyDeleteAsync(key)).Should().BeTrue();
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"taken {clock.Elapsed.TotalMilliseconds:0} ms after the release");
        waitedForTheHolder.Should().BeTrue();

        // A quarter of this lease time is a second; the rest allows for a busy machine.
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "a waiting instance looks at least every quarter of the lease time, whatever the key's remaining time");
    }

    private async Task<RedisCoordination> ConnectAsync(TimeSpan leaseTime)
    {
        var options = new RedisCoordinationOptions { KeyPrefix = Guid.NewGuid().ToString("N"), PullLeaseTime = leaseTime, CommandTimeout = TimeSpan.FromSeconds(2) };
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.Configuration);
        return new RedisCoordination(Task.FromResult<IConnectionMultiplexer>(connection), ownsConnection: true, options, NullLogger.Instance, TimeProvider.System);
    }

    private static Action<RedisCoordinationOptions> Coordination(string prefix) => c =>
    {
        c.KeyPrefix = prefix;
        c.PullLeaseTime = LeaseTime;
        c.CommandTimeout = TimeSpan.FromSeconds(2);
    };

    private static async Task PumpAsync(ISignalingClient client, string instance, ConcurrentQueue<(string, string)> delivered, CancellationToken stop)
    {
        try
        {
            await foreach (var batch in client.ReadUserEventsAsync(new EventPumpOptions { Follow = true, IdleDelay = TimeSpan.FromMilliseconds(50) }, stop))
            {
                foreach (var item in batch)
                {
                    delivered.Enqueue((instance, item.UserId!));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the test.
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().Should().BeTrue("the pumps deliver within 15 seconds");
    }
}
