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
        Func<Task> call = target switch
        {
            "sdk-peer" => () => sdk.SendPeerMessageAsync("userA", "userB", "Hello"),
            "sdk-events" => () => sdk.GetUserEventsAsync(),
            "sdk-history" => () => sdk.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom"),
            "hand-peer" => () => handWritten.SendPeerMessageAsync("userA", "userB", "Hello"),
            "hand-events" => () => handWritten.GetUserEventsAsync(),
            "sdk-canned" => CannedSdk(args.Skip(2).ToArray(), null),
            "sdk-peer-variant" => CannedSdk(args.Skip(2).ToArray(), server.Endpoint),
            "hand-canned" => CannedHandWritten(),
            "generated-canned" => CannedGenerated(),
            _ => throw new ArgumentException($"Unknown target '{target}'.", nameof(args)),
        };

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

    // Variants of the SDK, in memory or over loopback, to find which feature costs: "no-retry", "no-timeout", "no-limit".
    private static Func<Task> CannedSdk(string[] switches, Uri? loopback)
    {
        var options = BenchClients.Options(loopback ?? CannedEndpoint, switches.Contains("no-limit") ? null : 100_000);
        if (switches.Contains("no-retry"))
        {
            options.Retry.MaxRetries = 0;
        }

        if (switches.Contains("no-timeout"))
        {
            options.Timeout = Timeout.InfiniteTimeSpan;
            options.OverallTimeout = Timeout.InfiniteTimeSpan;
        }

        var sdk = loopback is null ? new SignalingClient(options, CannedResponseHandler.MessageSent()) : new SignalingClient(options);
        return () => sdk.SendPeerMessageAsync("userA", "userB", "Hello");
    }

    // The NSwag client alone over a plain HttpClient: no validation, handlers, retries or context.
    private static Func<Task> CannedGenerated()
    {
        var generated = new MessagesRestClient(new HttpClient(CannedResponseHandler.MessageSent())) { BaseUrl = CannedEndpoint.AbsoluteUri };
        return () => generated.SendPeerMessageAsync(FixedResponseServer.AppId, "userA", null, new PeerMessageRequest { Destination = "userB", Payload = "Hello" }, CancellationToken.None);
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
