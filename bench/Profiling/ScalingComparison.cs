using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Agora.Signaling.Benchmarks.Running;

namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// How the cost grows with the payload: event batches of 1, 100 and 1,000 and history pages of 1, 10 and 100
/// messages, read through the SDK, the hand-written call and the tuned one over an in-memory handler (no network,
/// so what grows is each client's own reading). Bytes are counted exactly (<see cref="GC.GetTotalAllocatedBytes(bool)"/>
/// around a fixed number of calls); times are medians of blocks taken in turn, as in <see cref="InterleavedComparison"/>.
/// Writes <c>bench/results/Scaling.md</c>.
/// </summary>
public static class ScalingComparison
{
    private static readonly (string Label, string Kind, int Count)[] Payloads =
    [
        ("user events × 1", "events", 1),
        ("user events × 100", "events", 100),
        ("user events × 1000", "events", 1000),
        ("message history × 1", "history", 1),
        ("message history × 10", "history", 10),
        ("message history × 100", "history", 100),
    ];

    /// <summary><c>--scaling [quick] [note]</c>: measures every payload and writes the table; the note goes above it.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        bool quick = args.Contains("quick");
        string? note = args.FirstOrDefault(a => a != "quick");
        int blocks = quick ? 6 : 20;
        var rows = new StringBuilder();
        foreach (var (label, kind, count) in Payloads)
        {
            // About the same work per block whatever the payload: fewer calls when each reads more.
            int calls = Math.Max(10, 20_000 / (count + 19));
            var targets = new[] { $"sdk-{kind}-canned:{count}", $"hand-{kind}-canned:{count}", $"tuned-{kind}-canned:{count}" }
                .Select(target => BenchTargets.Create(target, [], new Uri("http://127.0.0.1:9/"), null!, null!))
                .ToArray();
            // Long enough for the JIT's later tiers to replace every client's first code.
            var warmup = TimeSpan.FromSeconds(quick ? 2 : 5);
            foreach (var call in targets)
            {
                long warming = System.Diagnostics.Stopwatch.GetTimestamp();
                while (System.Diagnostics.Stopwatch.GetElapsedTime(warming) < warmup)
                {
                    await RunCallsAsync(call, calls).ConfigureAwait(false);
                }
            }

            var bytes = new double[3];
            for (int t = 0; t < 3; t++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                await RunCallsAsync(targets[t], calls).ConfigureAwait(false);
                bytes[t] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
            }

            var times = new List<double>[] { [], [], [] };
            for (int block = 0; block < blocks; block++)
            {
                // A different order each block, so no client always follows a collection another caused.
                for (int i = 0; i < 3; i++)
                {
                    int t = (block + i) % 3;
                    long started = System.Diagnostics.Stopwatch.GetTimestamp();
                    await RunCallsAsync(targets[t], calls).ConfigureAwait(false);
                    times[t].Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls);
                }
            }

            var result = new BlockTimes(times);
            double sdkOverHand = result.Ratio(0, 1).Median;
            double sdkOverTuned = result.Ratio(0, 2).Median;
            string row = string.Create(
                CultureInfo.InvariantCulture,
                $"| {label} | {result.Median(0):N1} µs | {result.Median(1):N1} µs | {result.Median(2):N1} µs | {bytes[0]:N0} B | {bytes[1]:N0} B | {bytes[2]:N0} B | {bytes[0] / count:N0} B | {sdkOverHand:N2} | {bytes[0] / bytes[1]:N2} | {sdkOverTuned:N2} | {bytes[0] / bytes[2]:N2} |\n");
            Console.Write(row);
            rows.Append(row);
        }

        string text =
            "# Scaling\n\n" +
            "Reading a batch of user events or a page of message history as it grows, through the SDK (default options, rate limits raised to 100,000/s), " +
            "the hand-written call and the tuned hand-written call (Content-Length, System.Text.Json source generation, ResponseHeadersRead, no HttpClient timeout), " +
            "each over an in-memory handler that answers at once, so what grows is each client's own reading. " +
            "Bytes per call are counted exactly (allocated bytes around a fixed number of calls) and do not depend on the machine's load; " +
            "times are medians of blocks of calls taken in turn, and a ratio is the median of the block ratios. " +
            "Regenerate: `dotnet run -c Release --project bench -- --scaling`.\n\n" +
            (note is null ? string.Empty : $"**{note}**\n\n") +
            $"Run on {DateTime.UtcNow:yyyy-MM-dd}{(quick ? " in quick mode" : string.Empty)}, {blocks} blocks per payload, .NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores.\n\n" +
            "| payload | SDK | hand-written | tuned | SDK bytes | hand-written bytes | tuned bytes | SDK bytes per item | SDK / hand-written (time) | SDK / hand-written (bytes) | SDK / tuned (time) | SDK / tuned (bytes) |\n" +
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" +
            rows;
        await ResultsWriter.WriteMarkdownAsync("Scaling.md", text).ConfigureAwait(false);
        return 0;
    }

    private static async Task RunCallsAsync(Func<Task> call, int calls)
    {
        for (int i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }
    }
}
