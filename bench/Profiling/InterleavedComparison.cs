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

    /// <summary>The operations the suite compares: display name, hand-written target, SDK target.</summary>
    public static readonly (string Operation, string HandWritten, string Sdk)[] Operations =
    [
        ("peer message", "hand-peer", "sdk-peer"),
        ("channel message", "hand-channel", "sdk-channel"),
        ("user events", "hand-events", "sdk-events"),
        ("message history", "hand-history", "sdk-history"),
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
        var result = await RunAsync(server.Endpoint, args[0], args[1], args.Skip(2).ToArray(), blocks, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("AGORA_SIGNALING_BENCH_VERBOSE") is "1")
        {
            for (int i = 0; i < blocks; i++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  block {i,3}: {result.FirstTimes[i],8:N1} {result.SecondTimes[i],8:N1} {result.Ratios[i],6:N3}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]}: median {result.FirstMedian:N1} µs a call; {args[1]}: median {result.SecondMedian:N1} µs a call; ratio {args[1]}/{args[0]}: median {result.RatioMedian:N3} (middle half {result.RatioLowerQuartile:N3}–{result.RatioUpperQuartile:N3}) over {blocks} blocks of {CallsPerBlock:N0} calls"));
        return 0;
    }

    /// <summary>Compares every operation's SDK call with its hand-written one and writes <c>bench/results/InterleavedComparison.md</c>.</summary>
    public static async Task WriteSuiteAsync(Uri endpoint, string mode)
    {
        bool quick = mode == "quick";
        int blocks = quick ? 10 : 30;
        var warmup = TimeSpan.FromSeconds(quick ? 1.5 : 4);
        var rows = new StringBuilder();

        // Every call once round first, so that no operation is measured while the JIT of either process is still busy.
        foreach (var (_, handWritten, sdk) in Operations)
        {
            await RunAsync(endpoint, handWritten, sdk, [], blocks: 0, warmup).ConfigureAwait(false);
        }

        foreach (var (operation, handWritten, sdk) in Operations)
        {
            var result = await RunAsync(endpoint, handWritten, sdk, [], blocks, warmup).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation}: SDK / hand-written {result.RatioMedian:N2} (middle half {result.RatioLowerQuartile:N2}–{result.RatioUpperQuartile:N2})"));
            rows.Append(CultureInfo.InvariantCulture, $"| {operation} | {result.FirstMedian:N1} µs | {result.SecondMedian:N1} µs | {result.RatioMedian:N2} | {result.RatioLowerQuartile:N2}–{result.RatioUpperQuartile:N2} |\n");
        }

        string text =
            "# InterleavedComparison\n\n" +
            "Each operation through the SDK (default options, rate limits raised to 100,000/s) and by hand, timed in alternating " +
            $"blocks of {CallsPerBlock:N0} calls in one process against the Kestrel server in another, after a warm-up round of every call and {warmup.TotalSeconds:N1} s more before each operation. " +
            "BenchmarkDotNet runs each benchmark in a process of its own, a minute or more apart, and the machine's speed drifts " +
            "by up to ±10 % in between; blocks taken in turn see the same drift, so their ratio is the steadier figure. " +
            "Ratio = median over the blocks of SDK time / hand-written time; the middle half is the spread of the block ratios from the 25th to the 75th percentile.\n\n" +
            $"Run on {DateTime.UtcNow:yyyy-MM-dd} in {mode} mode (`dotnet run -c Release --project bench{(quick ? " -- --quick" : string.Empty)}`), " +
            $"{blocks} blocks per operation, .NET {Environment.Version}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores.\n\n" +
            "| operation | hand-written, median | SDK, median | ratio | middle half |\n" +
            "| --- | ---: | ---: | ---: | ---: |\n" +
            rows;
        await ResultsWriter.WriteMarkdownAsync("InterleavedComparison.md", text).ConfigureAwait(false);
    }

    public static async Task<Result> RunAsync(Uri endpoint, string first, string second, string[] switches, int blocks, TimeSpan warmup)
    {
        using var sdk = BenchClients.Sdk(endpoint, messagesPerSecond: 100_000);
        var (handWritten, http) = BenchClients.HandWritten(endpoint);
        using var _ = http;
        var firstCall = BenchTargets.Create(first, switches, endpoint, sdk, handWritten);
        var secondCall = BenchTargets.Create(second, switches, endpoint, sdk, handWritten);

        // Both processes start in tier-0 code, and the server's JIT settles too.
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < warmup)
        {
            await firstCall().ConfigureAwait(false);
            await secondCall().ConfigureAwait(false);
        }

        var firstTimes = new List<double>(blocks);
        var secondTimes = new List<double>(blocks);
        for (int block = 0; block < blocks; block++)
        {
            // Alternate which goes first, so neither always follows a collection the other caused.
            if (block % 2 == 0)
            {
                firstTimes.Add(await TimeAsync(firstCall).ConfigureAwait(false));
                secondTimes.Add(await TimeAsync(secondCall).ConfigureAwait(false));
            }
            else
            {
                secondTimes.Add(await TimeAsync(secondCall).ConfigureAwait(false));
                firstTimes.Add(await TimeAsync(firstCall).ConfigureAwait(false));
            }
        }

        return new Result(firstTimes, secondTimes);
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

    /// <summary>Per-call times of each block, in microseconds, and the block ratios second / first.</summary>
    public sealed record Result(IReadOnlyList<double> FirstTimes, IReadOnlyList<double> SecondTimes)
    {
        public IReadOnlyList<double> Ratios { get; } = SecondTimes.Zip(FirstTimes, (second, first) => second / first).ToList();

        public double FirstMedian => Percentile(FirstTimes, 0.5);

        public double SecondMedian => Percentile(SecondTimes, 0.5);

        public double RatioMedian => Percentile(Ratios, 0.5);

        public double RatioLowerQuartile => Percentile(Ratios, 0.25);

        public double RatioUpperQuartile => Percentile(Ratios, 0.75);

        // Linear interpolation between the closest ranks.
        private static double Percentile(IReadOnlyList<double> values, double fraction)
        {
            var sorted = values.Order().ToList();
            double rank = fraction * (sorted.Count - 1);
            int below = (int)Math.Floor(rank);
            int above = (int)Math.Ceiling(rank);
            return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
        }
    }
}
