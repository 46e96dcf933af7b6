using System.Collections.Concurrent;
using System.Diagnostics;
using Agora.Signaling.Testing;
using Xunit.Abstractions;

namespace Agora.Signaling.Tests.Resilience;

/// <summary>Thousands of mixed calls over loopback with a fifth of them failing: reads always succeed, no message is delivered twice.</summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int Operations = 2000;
    private const int Seed = 20261128;

    [Fact]
    public async Task Mixed_operations_ride_through_20_percent_transient_faults_without_duplicates()
    {
        using var emulator = SignalingEmulator.Start();
        emulator.SeedHistory(HistoryChannelType.Message, "lobby", Enumerable.Range(1, 50).Select(i => new StoredHistoryMessage("alice", $"h{i}", i)).ToArray());
        emulator.InjectRandomFaults(
            0.2,
            Seed,
            EmulatorFault.Status(429, TimeSpan.Zero),
            EmulatorFault.Status(503),
            EmulatorFault.Status(502),
            EmulatorFault.Status(500, afterProcessing: true),
            EmulatorFault.DropConnection(afterProcessing: true),
            EmulatorFault.DropConnection(afterProcessing: false));

        var options = emulator.CreateClientOptions();
        options.Retry.MaxRetries = 10;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.RateLimits.MessagesPerSecond = 5000;
        options.RateLimits.EventPullsPerSecond = 5000;
        options.RateLimits.HistoryRequestsPerSecond = 5000;
        using var client = new SignalingClient(options);

        var tally = new ConcurrentDictionary<string, int>();
        var sentOk = new ConcurrentBag<string>();
        var sentUnknown = new ConcurrentBag<string>();
        var eventsSeen = new ConcurrentBag<string>();
        var unexpected = new ConcurrentBag<Exception>();
        var random = new Random(Seed);
        int[] plan = Enumerable.Range(0, Operations).Select(_ => random.Next(100)).ToArray();
        var stopwatch = Stopwatch.StartNew();

        await Parallel.ForEachAsync(Enumerable.Range(0, Operations), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            int roll = plan[i];
            string payload = $"op-{i}";
            try
            {
                if (roll < 40)
                {
                    await client.SendPeerMessageAsync("server", $"user{i % 50}", payload, cancellationToken: ct);
                    sentOk.Add(payload);
                }
                else if (roll < 60)
                {
                    await client.SendChannelMessageAsync("server", "lobby", payload, cancellationToken: ct);
                    sentOk.Add(payload);
                }
                else if (roll < 90)
                {
                    var page = await client.GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby", messageCount: 10, cancellationToken: ct);
                    page.Data!.MessageList.Should().HaveCount(10);
                    tally.AddOrUpdate("history ok", 1, (_, n) => n + 1);
                    return;
                }
                else
                {
                    emulator.EnqueueUserEvent($"e{i}", "Login", i);
                    var pulled = await client.GetUserEventsAsync(ct);
                    foreach (var item in pulled.Events!)
                    {
                        eventsSeen.Add(item.UserId!);
                    }

                    tally.AddOrUpdate("event pulls ok", 1, (_, n) => n + 1);
                    return;
                }

                tally.AddOrUpdate("sends ok", 1, (_, n) => n + 1);
            }
            catch (SignalingOutcomeUnknownException unknown) when (unknown.Operation.StartsWith("Send", StringComparison.Ordinal))
            {
                sentUnknown.Add(payload);
                tally.AddOrUpdate("sends with unknown outcome", 1, (_, n) => n + 1);
            }
            catch (SignalingOutcomeUnknownException)
            {
                tally.AddOrUpdate("event pulls with unknown outcome", 1, (_, n) => n + 1);
            }
            catch (Exception exception)
            {
                unexpected.Add(exception);
            }
        });
        stopwatch.Stop();

        var delivered = emulator.Messages.GroupBy(m => m.Payload).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{Operations} operations in {stopwatch.Elapsed.TotalSeconds:0.0} s; {emulator.RequestCount} HTTP requests; {emulator.FaultsInjected} faults injected.");
        foreach (var (outcome, count) in tally.OrderBy(t => t.Key))
        {
            output.WriteLine($"  {outcome}: {count}");
        }

        output.WriteLine($"  messages delivered: {delivered.Count}, of which after an unknown outcome: {sentUnknown.Count(p => delivered.ContainsKey(p))}");

        unexpected.Should().BeEmpty("every read is retried to success and every send ends delivered or with an unknown outcome");
        emulator.FaultsInjected.Should().BeGreaterThan(Operations / 10, "the run must actually meet faults");
        delivered.Values.Should().OnlyContain(count => count == 1, "no message is ever delivered twice");
        sentOk.Should().OnlyContain(payload => delivered.ContainsKey(payload), "a send reported successful was delivered");
        tally.GetValueOrDefault("history ok").Should().Be(plan.Count(r => r is >= 60 and < 90), "every history read succeeds");
        eventsSeen.Should().OnlyHaveUniqueItems("no event is handed over twice");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(2));
    }
}
