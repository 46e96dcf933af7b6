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
    public static async Task<int> RunAsync(string[] args)
    {
        string target = args.FirstOrDefault() ?? "sdk-peer";
        int calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50_000;
        // The server runs in its own process, so the bytes and time counted are the client's.
        using var run = BenchTargets.Start(target, args.Skip(2).ToArray());
        var call = run.Call;

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

    /// <summary>Calls one target for a given time and prints the rate: a process to attach <c>perf</c> or <c>dotnet-trace</c> to.</summary>
    public static async Task<int> LoopAsync(string[] args)
    {
        string target = args.FirstOrDefault() ?? "sdk-peer";
        double seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
        using var run = BenchTargets.Start(target, args.Skip(2).ToArray());
        var call = run.Call;
        Console.WriteLine($"process {Environment.ProcessId}, server process {run.Server.Process.Id}: calling {target} for {seconds} s");
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
