using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace Agora.Signaling.Redis.Tests;

/// <summary>The event pump in three worker processes sharing one pull lease in a real redis-server.</summary>
[Collection(FleetCollection.Name)]
public sealed class FleetPumpTests(ITestOutputHelper output)
{
    // Long enough that a stall of the busy test machine does not pass for a dead holder.
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Three_pumping_processes_deliver_every_event_once_and_hand_over_within_the_lease_time_when_the_holder_is_killed()
    {
        using var redis = RedisServer.Start();
        using var emulator = await EmulatorServer.StartAsync(messagesQuota: 500);
        string prefix = Guid.NewGuid().ToString("N");
        var workers = Enumerable.Range(0, 3).Select(_ => ChildProcess.StartWorker(
            ["pump", .. emulator.WorkerArguments, "--redis", redis.Configuration, "--prefix", prefix, "--lease-ms", ((int)LeaseTime.TotalMilliseconds).ToString()])).ToList();
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var delivered = new ConcurrentQueue<(int Worker, string UserId, TimeSpan At)>();
        try
        {
            foreach (var worker in workers)
            {
                (await worker.ReadLineAsync(Limit)).Should().Be("ready");
            }

            var readers = workers.Select((worker, index) => Task.Run(async () =>
            {
                await foreach (string line in worker.ReadAllLinesAsync(stop.Token))
                {
                    delivered.Enqueue((index, line["event ".Length..], clock.Elapsed));
                }
            })).ToList();

            for (int round = 0; round < 5; round++)
            {
                await emulator.EnqueueUserEventsAsync(Enumerable.Range(0, 20).Select(i => $"before-{round}-{i}"));
                await Task.Delay(200);
            }

            await WaitForAsync(() => delivered.Count >= 100);
            int holder = delivered.First().Worker;
            delivered.Select(d => d.Worker).Should().OnlyContain(w => w == holder, "only the lease holder pulls");

            workers[holder].Kill();
            var killedAt = clock.Elapsed;
            await emulator.EnqueueUserEventsAsync(Enumerable.Range(0, 50).Select(i => $"after-{i}"));

            await WaitForAsync(() => delivered.Count >= 150);
            var after = delivered.Skip(100).ToList();
            after.Select(d => d.Worker).Distinct().Should().ContainSingle("one survivor takes over").Which.Should().NotBe(holder);

            // The killed holder's key expires at most its lease time after the kill, and a waiting instance looks again
            // as it expires. The pull permits the killed one spent are free again by then: it renewed a third of the
            // lease time apart, so its key outlived it by two seconds at least. The stated allowance, 2 s, is for the
            // new holder's first pull on a busy two-core machine: the process has never pulled before, so the JIT
            // compiles that path as it runs, then the pull itself is in progress, and its lines are printed and read.
            var handover = after[0].At - killedAt;
            output.WriteLine($"handover {handover.TotalSeconds:0.000} s after the kill");
            handover.Should().BeLessThan(LeaseTime + TimeSpan.FromSeconds(2));
            delivered.Select(d => d.UserId).Should().OnlyHaveUniqueItems("every event is delivered once").And.HaveCount(150);
        }
        finally
        {
            await stop.CancelAsync();
            workers.ForEach(worker => worker.Dispose());
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        condition().Should().BeTrue("the pumps deliver within 20 seconds");
    }
}
