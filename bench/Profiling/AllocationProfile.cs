using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Agora.Signaling.Benchmarks.Baseline;
using Agora.Signaling.Benchmarks.Loopback;

namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// Where the bytes of a call go: runs one operation many times and groups the runtime's allocation samples
/// (one event per ~100 KB allocated) by type. BenchmarkDotNet says how much; this says what.
/// </summary>
public static class AllocationProfile
{
    private static readonly Uri CannedEndpoint = new("http://127.0.0.1:9/");

    public static async Task<int> RunAsync(string[] args)
    {
        string target = args.FirstOrDefault() ?? "sdk-peer";
        int calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        // The server runs in its own process, so the bytes and time counted are the client's.
        using var server = ServerProcess.Start();
        using var sdk = BenchClients.Sdk(server.Endpoint, messagesPerSecond: 100_000);
        var (handWritten, http) = BenchClients.HandWritten(server.Endpoint);
        using var _ = http;
        Func<Task> call = Target(target, args.Skip(2).ToArray(), server.Endpoint, sdk, handWritten);

        for (int i = 0; i < 2_000; i++)
        {
            await call().ConfigureAwait(false);
        }

        // Timed first, without the listener, whose events would slow the calls down.
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var listener = new AllocationListener();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        long total = GC.GetTotalAllocatedBytes(precise: true) - before;
        listener.Dispose();
        Console.WriteLine($"{target}: {total / (double)calls:N0} bytes and {elapsed.TotalMicroseconds / calls:N1} µs a call over {calls:N0} calls (server in another process)");
        foreach (var (type, bytes) in listener.Samples.OrderByDescending(p => p.Value).Take(40))
        {
            Console.WriteLine($"{bytes / (double)calls,10:N0} B/call  {type}");
        }

        return 0;
    }

    /// <summary>
    /// Times two targets in alternating blocks in one process, so drift in the machine's speed (other processes,
    /// CPU frequency) falls on both alike; prints each block pair's ratio and their median.
    /// </summary>
    public static async Task<int> CompareAsync(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException("--compare needs two targets, for example: --compare hand-peer sdk-peer [blocks] [switches]", nameof(args));
        }

        int blocks = args.Length > 2 && int.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out int n) ? n : 40;
        string[] switches = args.Skip(2).ToArray();
        using var server = ServerProcess.Start();
        using var sdk = BenchClients.Sdk(server.Endpoint, messagesPerSecond: 100_000);
        var (handWritten, http) = BenchClients.HandWritten(server.Endpoint);
        using var _ = http;
        var first = Target(args[0], switches, server.Endpoint, sdk, handWritten);
        var second = Target(args[1], switches, server.Endpoint, sdk, handWritten);
        const int CallsPerBlock = 1_000;
        // Both processes start in tier-0 code and the server's JIT settles too: about five seconds before timing.
        long warmup = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(warmup) < TimeSpan.FromSeconds(5))
        {
            await first().ConfigureAwait(false);
            await second().ConfigureAwait(false);
        }

        var ratios = new List<double>();
        var firstTimes = new List<double>();
        var secondTimes = new List<double>();
        for (int block = 0; block < blocks; block++)
        {
            // Alternate which goes first, so neither always follows a GC the other caused.
            bool swap = block % 2 == 1;
            double a = 0, b = 0;
            if (swap)
            {
                b = await TimeAsync(second, CallsPerBlock).ConfigureAwait(false);
                a = await TimeAsync(first, CallsPerBlock).ConfigureAwait(false);
            }
            else
            {
                a = await TimeAsync(first, CallsPerBlock).ConfigureAwait(false);
                b = await TimeAsync(second, CallsPerBlock).ConfigureAwait(false);
            }

            firstTimes.Add(a);
            secondTimes.Add(b);
            ratios.Add(b / a);
        }

        if (Environment.GetEnvironmentVariable("AGORA_SIGNALING_BENCH_VERBOSE") is "1")
        {
            for (int i = 0; i < blocks; i++)
            {
                Console.WriteLine($"  block {i,3}: {firstTimes[i],8:N1} {secondTimes[i],8:N1} {ratios[i],6:N3}");
            }
        }

        Console.WriteLine($"{args[0]}: median {Median(firstTimes):N1} µs a call; {args[1]}: median {Median(secondTimes):N1} µs a call; ratio {args[1]}/{args[0]}: median {Median(ratios):N3} over {blocks} blocks of {CallsPerBlock:N0} calls");
        return 0;
    }

    /// <summary>Calls one target for a given time and prints the rate: a process to attach <c>perf</c> or <c>dotnet-trace</c> to.</summary>
    public static async Task<int> LoopAsync(string[] args)
    {
        string target = args.FirstOrDefault() ?? "sdk-peer";
        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        using var server = ServerProcess.Start();
        using var sdk = BenchClients.Sdk(server.Endpoint, messagesPerSecond: 100_000);
        var (handWritten, http) = BenchClients.HandWritten(server.Endpoint);
        using var _ = http;
        var call = Target(target, args.Skip(2).ToArray(), server.Endpoint, sdk, handWritten);
        Console.WriteLine($"process {Environment.ProcessId}, server process {server.Process.Id}: calling {target} for {seconds} s");
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        long calls = 0;
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds < seconds)
        {
            await call().ConfigureAwait(false);
            calls++;
        }

        Console.WriteLine($"{target}: {calls:N0} calls, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls:N1} µs a call");
        return 0;
    }

    private static async Task<double> TimeAsync(Func<Task> call, int calls)
    {
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static Func<Task> Target(string target, string[] switches, Uri endpoint, SignalingClient sdk, HandWrittenSignalingClient handWritten) => target switch
    {
        "sdk-peer" => () => sdk.SendPeerMessageAsync("userA", "userB", "Hello"),
        "sdk-events" => () => sdk.GetUserEventsAsync(),
        "sdk-history" => () => sdk.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom"),
        "hand-peer" => () => handWritten.SendPeerMessageAsync("userA", "userB", "Hello"),
        "hand-events" => () => handWritten.GetUserEventsAsync(),
        "hand-history" => () => handWritten.GetMessageHistoryAsync("Tony", "chatroom"),
        "sdk-canned" => CannedSdk(switches, null),
        "sdk-peer-variant" => CannedSdk(switches, endpoint),
        "sdk-events-variant" => SdkEvents(new SignalingClient(VariantOptions(switches, endpoint))),
        "generated-events" => GeneratedEvents(endpoint),
        "hand-canned" => CannedHandWritten(),
        "sdk-events-canned" => CannedSdkEvents(switches),
        "hand-events-canned" => CannedHandWrittenEvents(),
        "sdk-history-canned" => CannedSdkHistory(switches),
        "hand-history-canned" => CannedHandWrittenHistory(),
        "generated-canned" => CannedGenerated(),
        _ => throw new ArgumentException($"Unknown target '{target}'.", nameof(target)),
    };

    // Variants of the SDK, in memory or over loopback, to find which feature costs: "no-retry", "no-timeout", "no-limit".
    private static Func<Task> CannedSdk(string[] switches, Uri? loopback)
    {
        var sdk = loopback is null ? new SignalingClient(VariantOptions(switches, CannedEndpoint), CannedResponseHandler.MessageSent()) : new SignalingClient(VariantOptions(switches, loopback));
        return () => sdk.SendPeerMessageAsync("userA", "userB", "Hello");
    }

    private static SignalingClientOptions VariantOptions(string[] switches, Uri endpoint)
    {
        var options = BenchClients.Options(endpoint, switches.Contains("no-limit") ? null : 100_000);
        if (switches.Contains("no-retry"))
        {
            options.Retry.MaxRetries = 0;
        }

        if (switches.Contains("no-timeout"))
        {
            options.Timeout = Timeout.InfiniteTimeSpan;
            options.OverallTimeout = Timeout.InfiniteTimeSpan;
        }

        return options;
    }

    // The NSwag client alone over the loopback server, through the same transport settings as the hand-written one.
    private static Func<Task> GeneratedEvents(Uri endpoint)
    {
        var (_, http) = BenchClients.HandWritten(endpoint);
        var generated = new EventsRestClient(http) { BaseUrl = endpoint.AbsoluteUri };
        return () => generated.GetUserEventsAsync(FixedResponseServer.AppId, CancellationToken.None);
    }

    // The NSwag client alone over a plain HttpClient: no validation, handlers, retries or context.
    private static Func<Task> CannedGenerated()
    {
        var generated = new MessagesRestClient(new HttpClient(CannedResponseHandler.MessageSent())) { BaseUrl = CannedEndpoint.AbsoluteUri };
        return () => generated.SendPeerMessageAsync(FixedResponseServer.AppId, "userA", null, new PeerMessageRequest { Destination = "userB", Payload = "Hello" }, CancellationToken.None);
    }

    private static Func<Task> CannedSdkEvents(string[] switches) =>
        SdkEvents(new SignalingClient(VariantOptions(switches, CannedEndpoint), new CannedResponseHandler(FixedResponseServer.UserEventsJson)));

    private static Func<Task> SdkEvents(SignalingClient sdk) => () => sdk.GetUserEventsAsync();

    private static Func<Task> CannedSdkHistory(string[] switches)
    {
        var sdk = new SignalingClient(VariantOptions(switches, CannedEndpoint), new CannedResponseHandler(FixedResponseServer.HistoryJson));
        return () => sdk.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");
    }

    private static Func<Task> CannedHandWrittenHistory()
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, new CannedResponseHandler(FixedResponseServer.HistoryJson));
        return () => client.GetMessageHistoryAsync("Tony", "chatroom");
    }

    private static Func<Task> CannedHandWrittenEvents()
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, new CannedResponseHandler(FixedResponseServer.UserEventsJson));
        return () => client.GetUserEventsAsync();
    }

    private static Func<Task> CannedHandWritten()
    {
        var (client, _) = BenchClients.HandWritten(CannedEndpoint, CannedResponseHandler.MessageSent());
        return () => client.SendPeerMessageAsync("userA", "userB", "Hello");
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> Samples { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // Keyword 0x1: GC events, which include AllocationTick at verbose level.
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                int nameIndex = eventData.PayloadNames!.IndexOf("TypeName");
                int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
                string type = nameIndex >= 0 ? payload[nameIndex]?.ToString() ?? "?" : "?";
                long amount = amountIndex >= 0 ? Convert.ToInt64(payload[amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
                Samples.AddOrUpdate(type, amount, (_, total) => total + amount);
            }
        }
    }
}
