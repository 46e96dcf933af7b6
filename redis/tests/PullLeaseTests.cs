using System.Collections.Concurrent;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Redis.Tests;

[Collection(RedisCollection.Name)]
public sealed class PullLeaseTests(RedisFixture redis)
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
