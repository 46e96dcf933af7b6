using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Agora.Signaling.Benchmarks.Loopback;
using Agora.Signaling.Benchmarks.Running;

namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// Times two calls in alternating blocks in one process. BenchmarkDotNet measures each benchmark in a process of
/// its own, a minute or more apart, and on a shared 2-core machine the speed drifts by up to ±10 % in that time;
/// blocks taken in turn see the same drift, so their ratio does not.
/// </summary>
public static class InterleavedComparison
{
    private const int CallsPerBlock = 1_000;

    /// <summary>The operations the suite compares: display name, hand-written target, tuned hand-written target, SDK target.</summary>
    public static readonly (string Operation, string HandWritten, string Tuned, string Sdk)[] Operations =
    [
        ("peer message", "hand-peer", "tuned-peer", "sdk-peer"),
        ("channel message", "hand-channel", "tuned-channel", "sdk-channel"),
        ("user events", "hand-events", "tuned-events", "sdk-events"),
        ("message history", "hand-history", "tuned-history", "sdk-history"),

        // The no-network call of ClientOverheadBenchmarks, timed in turn rather than a process apart.
        ("peer message, no network", "hand-canned", "tuned-canned", "sdk-canned-default"),
    ];

    /// <summary>
    /// <c>--compare FIRST SECOND [blocks] [switches]</c>: prints the medians and the ratio SECOND / FIRST.
    /// Set <c>AGORA_SIGNALING_BENCH_VERBOSE=1</c> to see every block.
    /// </summary>
    public static async Task<int> RunCommandAsync(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException("--compare needs two targets, for example: --compare hand-peer sdk-peer [blocks] [switches]", nameof(args));
        }

        int blocks = args.Length > 2 && int.TryParse(args[2], CultureInfo.InvariantCulture, out int n) ? n : 40;
        using var server = ServerProcess.Start();
        var result = await RunAsync(server.Endpoint, [args[0], args[1]], args.Skip(2).ToArray(), blocks, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var ratios = result.Ratios(1, 0);
        if (Environment.GetEnvironmentVariable("AGORA_SIGNALING_BENCH_VERBOSE") is "1")
        {
            for (int i = 0; i < blocks; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  block {i,3}: {result.Times[0][i],8:N1} {result.Times[1][i],8:N1} {ratios[i],6:N3}"));
            }
        }

        var ratio = result.Ratio(1, 0);
        var interval = result.MedianInterval(1, 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]}: median {result.Median(0):N1} µs a call; {args[1]}: median {result.Median(1):N1} µs a call; ratio {args[1]}/{args[0]}: median {ratio.Median:N3} (95 % interval {interval.Lower:N3}–{interval.Upper:N3}; middle half {ratio.Lower:N3}–{ratio.Upper:N3}) over {blocks} blocks of {CallsPerBlock:N0} calls"));
        return 0;
    }

    /// <summary>
    /// Compares every operation's SDK call with its hand-written and tuned hand-written ones and writes
    /// <c>bench/results/InterleavedComparison.md</c>.
    /// </summary>
    public static async Task WriteSuiteAsync(Uri endpoint, string mode)
    {
        bool quick = mode == "quick";
        // A block's ratio scatters by ±5-10 % on this machine (two processes share two cores, and a block runs at about
        // 50 or about 100 µs a call depending on where the scheduler puts them); 100 rounds give the median to about ±2-4 %.
        int blocks = quick ? 10 : 100;
        var warmup = TimeSpan.FromSeconds(quick ? 1.5 : 4);
        var rows = new StringBuilder();
        const int HandWritten = 0, Tuned = 1, Sdk = 2;

        // Every call once round first, so that no operation is measured while the JIT of either process is still busy.
        foreach (var (_, handWritten, tuned, sdk) in Operations)
        {
            await RunAsync(endpoint, [handWritten, tuned, sdk], [], blocks: 0, warmup).ConfigureAwait(false);
        }

        foreach (var (operation, handWritten, tuned, sdk) in Operations)
        {
            var result = await RunAsync(endpoint, [handWritten, tuned, sdk], [], blocks, warmup).ConfigureAwait(false);
            var overHand = result.Ratio(Sdk, HandWritten);
            var overTuned = result.Ratio(Sdk, Tuned);
            var handInterval = result.MedianInterval(Sdk, HandWritten);
            var tunedInterval = result.MedianInterval(Sdk, Tuned);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation}: SDK / hand-written {overHand.Median:N3} (95 % interval {handInterval.Lower:N3}–{handInterval.Upper:N3}), SDK / tuned {overTuned.Median:N3} (95 % interval {tunedInterval.Lower:N3}–{tunedInterval.Upper:N3})"));
            rows.Append(CultureInfo.InvariantCulture, $"| {operation} | {result.Median(HandWritten):N1} µs | {result.Median(Tuned):N1} µs | {result.Median(Sdk):N1} µs | {overHand.Median:N3} | {handInterval.Lower:N3}–{handInterval.Upper:N3} | {overHand.Lower:N2}–{overHand.Upper:N2} | {overTuned.Median:N3} | {tunedInterval.Lower:N3}–{tunedInterval.Upper:N3} | {overTuned.Lower:N2}–{overTuned.Upper:N2} |\n");
        }

        string text =
            "# InterleavedComparison\n\n" +
            "Each operation through the SDK (default options, rate limits raised to 100,000/s), by hand, and by a tuned hand-written call " +
            "(Content-Length, System.Text.Json source generation, ResponseHeadersRead, no HttpClient timeout), timed in blocks " +
            $"of {CallsPerBlock:N0} calls taken in turn in one process against the Kestrel server in another, after a warm-up round of every call and {warmup.TotalSeconds:N1} s more before each operation. " +
            "BenchmarkDotNet runs each benchmark in a process of its own, a minute or more apart, and the machine's speed drifts " +
            "by up to ±10 % in between; blocks taken in turn see the same drift, so their ratio is the steadier figure. " +
            "A ratio is the median over the rounds of SDK time / the other's time in the same round. Its 95 % interval (between the order statistics of ranks n/2 - 0.98√n and 1 + n/2 + 0.98√n, with no assumption about the distribution) says how precisely this run gives it; the middle half (25th to 75th percentile of the round ratios) says how much single rounds scatter. " +
            "The last row sends over an in-memory handler that reads the request body and answers at once (the SDK's limiter off), as ClientOverheadBenchmarks does: each client's own CPU time.\n\n" +
            $"Run on {DateTime.UtcNow:yyyy-MM-dd} in {mode} mode (`dotnet run -c Release --project bench{(quick ? " -- --quick" : string.Empty)}`), " +
            $"{blocks} rounds per operation, .NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores.\n\n" +
            "| operation | hand-written, median | tuned, median | SDK, median | SDK / hand-written | 95 % interval | middle half | SDK / tuned | 95 % interval | middle half |\n" +
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n" +
            rows;
        await ResultsWriter.WriteMarkdownAsync("InterleavedComparison.md", text).ConfigureAwait(false);
    }

    /// <summary>Times the calls in blocks taken in turn, a different call first each round.</summary>
    public static async Task<BlockTimes> RunAsync(Uri endpoint, IReadOnlyList<string> targets, string[] switches, int blocks, TimeSpan warmup)
    {
        using var sdk = BenchClients.Sdk(endpoint, messagesPerSecond: 100_000);
        var (handWritten, http) = BenchClients.HandWritten(endpoint);
        using var _ = http;
        var calls = targets.Select(target => BenchTargets.Create(target, switches, endpoint, sdk, handWritten)).ToArray();

        // Both processes start in tier-0 code, and the server's JIT settles too.
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < warmup)
        {
            foreach (var call in calls)
            {
                await call().ConfigureAwait(false);
            }
        }

        var times = calls.Select(_ => new List<double>(blocks)).ToArray();
        for (int block = 0; block < blocks; block++)
        {
            // A different call first each round, so none always follows a collection another caused.
            for (int i = 0; i < calls.Length; i++)
            {
                int call = (block + i) % calls.Length;
                times[call].Add(await TimeAsync(calls[call]).ConfigureAwait(false));
            }
        }

        return new BlockTimes(times);
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < CallsPerBlock; i++)
        {
            await call().ConfigureAwait(false);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / CallsPerBlock;
    }
}
