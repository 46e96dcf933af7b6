using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Agora.Signaling.Redis.Tests;

/// <summary>
/// Instances of a fleet as separate processes (redis/worker), against one emulator process that enforces Agora's
/// quotas, coordinated through one real redis-server.
/// </summary>
[Collection(FleetCollection.Name)]
public sealed partial class FleetProcessTests(ITestOutputHelper output)
{
    // Agora's message quota. The workers and the emulator run without tiered compilation: a method compiled again
    // while the clock runs stalls a two-core machine, and messages held up that way bunch into the next second.
    private const int Quota = 500;

    // Permits are counted when Redis grants them, messages when the emulator receives them. A whole second of the
    // emulator's clock holds the permits granted within it, plus the messages granted before it and still in flight at
    // its start (at most one per sender: 4 workers x 8 senders = 32), plus what a stall of the machine of about 100 ms
    // moves across its boundary (a process held up between reading its clock and Redis running its ask gets a
    // permit dated before it was given). The emulator refuses past 10 % over the clients' quota (550): the stated
    // tolerance.
    private const int EnforcedQuota = Quota + (Quota / 10);

    // Enough senders that a worker keeps its share of the quota busy while each of its messages waits for Redis twice
    // (the message quota, then the cap on all requests) and for the emulator.
    private const int SendersPerWorker = 8;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [GeneratedRegex(@"^sent (\d+) too-many (\d+) failed (\d+)$")]
    private static partial Regex Summary();

    [Fact]
    public async Task Four_processes_sharing_Redis_earn_no_429_and_use_most_of_the_quota()
    {
        using var redis = RedisServer.Start();
        using var emulator = await EmulatorServer.StartAsync(messagesQuota: EnforcedQuota, ChildProcess.CompiledOnce);

        var results = await SendFromFourAsync(emulator, redis.Configuration, "shared");

        long[] arrivals = await emulator.PeerMessageTimesAsync("shared");
        string perSecond = Rates.PerSecond(arrivals);
        output.WriteLine($"per second: {perSecond}; busiest whole second {Rates.BusiestWholeSecond(arrivals)}, share used {Rates.QuotaUsed(arrivals, Quota):0.000}");
        results.Sum(r => r.TooMany).Should().Be(0, "the fleet keeps within the app's quota (per second: {0})", perSecond);

        Rates.BusiestWholeSecond(arrivals).Should().BeLessThanOrEqualTo(EnforcedQuota, "per second: {0}", perSecond);
        Rates.QuotaUsed(arrivals, Quota).Should().BeGreaterThanOrEqualTo(0.9, "per second: {0}", perSecond);
        results.Should().AllSatisfy(r => r.Sent.Should().BeGreaterThan(Quota / 10, "every instance gets permits"));
        results.Sum(r => r.Failed).Should().Be(0, "no call fails");
    }

    [Fact]
    public async Task Four_processes_each_limiting_itself_earn_429s()
    {
        using var emulator = await EmulatorServer.StartAsync(messagesQuota: EnforcedQuota, ChildProcess.CompiledOnce);

        var results = await SendFromFourAsync(emulator, null, "alone");
        output.WriteLine($"429s: {results.Sum(r => r.TooMany)}; per second: {Rates.PerSecond(await emulator.PeerMessageTimesAsync("alone"))}");

        results.Sum(r => r.TooMany).Should().BeGreaterThan(0, "four instances each allowing themselves the app's whole quota exceed it");
    }

    private static async Task<(int Sent, int TooMany, int Failed)[]> SendFromFourAsync(EmulatorServer emulator, string? redis, string sender)
    {
        string prefix = Guid.NewGuid().ToString("N");
        var workers = Enumerable.Range(0, 4).Select(i => ChildProcess.StartWorker(
            ["send", .. emulator.WorkerArguments, .. redis is null ? [] : new[] { "--redis", redis }, "--prefix", prefix, "--seconds", "5", "--concurrency", SendersPerWorker.ToString(System.Globalization.CultureInfo.InvariantCulture), "--sender", $"{sender}-{i}", "--messages-per-second", Quota.ToString(System.Globalization.CultureInfo.InvariantCulture)], ChildProcess.CompiledOnce)).ToList();
        try
        {
            foreach (var worker in workers)
            {
                (await worker.ReadLineAsync(Limit)).Should().Be("ready");
            }

            workers.ForEach(worker => worker.WriteLine("go"));
            var results = new List<(int, int, int)>();
            foreach (var worker in workers)
            {
                string line = await worker.ReadLineAsync(Limit);
                var match = Summary().Match(line);
                match.Success.Should().BeTrue("a worker prints its summary, not {0}; stderr: {1}", line, worker.Stderr);
                results.Add((int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value), int.Parse(match.Groups[3].Value)));
            }

            return results.ToArray();
        }
        finally
        {
            workers.ForEach(worker => worker.Dispose());
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FleetCollection
{
    public const string Name = "Fleet processes";
}
