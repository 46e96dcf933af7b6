using System.Diagnostics;
using System.Globalization;
using System.Text;
using Agora.Signaling.Benchmarks.Loopback;
using Agora.Signaling.Benchmarks.Running;
using Microsoft.Extensions.DependencyInjection;

namespace Agora.Signaling.Benchmarks.Soak;

/// <summary>
/// Makes many calls through one dependency-injected client, the way a service runs for months, and samples the
/// client process's managed heap, working set, file descriptors, threads and TCP sockets as it goes. A cost
/// that grows with the number of calls (handlers, sockets, cached tokens, limiter state) shows as a rising column.
/// </summary>
/// <remarks>
/// The server (the emulator from <c>testing/</c> by default, or the fixed-response server with <c>--fixed</c>) runs in
/// a process of its own, so its state is not counted. Tokens are minted per request from an app certificate for
/// 1,000 different users, and IHttpClientFactory recycles the handlers every 5 seconds, so both are exercised.
/// </remarks>
public static class MemorySoak
{
    private const int Workers = 64;
    private const int Samples = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        int calls = args.Length > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 100_000;
        bool emulator = !args.Contains("--fixed");
        using var server = ServerProcess.Start(emulator);
        var endpoint = server.Endpoint;
        var defaults = new Agora.Signaling.Testing.SignalingEmulatorOptions();

        var services = new ServiceCollection();
        services.AddAgoraSignaling(options =>
        {
            options.AppId = defaults.AppId;
            options.Endpoint = endpoint;
            options.HistoryEndpoint = endpoint;
            options.Credential = new AppCertificateCredential(defaults.AppId, defaults.AppCertificate);

            // Limits stay on, raised so the run takes seconds instead of minutes at Agora's 500 messages a second.
            options.RateLimits.MessagesPerSecond = 100_000;
            options.RateLimits.EventPullsPerSecond = 100_000;
            options.RateLimits.HistoryRequestsPerSecond = 100_000;
            options.RateLimits.RequestsPerSecond = 100_000;
        }).SetHandlerLifetime(TimeSpan.FromSeconds(5));
        await using var provider = services.BuildServiceProvider();

        var rows = new List<Sample>();
        long done = 0;
        int failures = 0;
        var clock = Stopwatch.StartNew();
        rows.Add(Sample.Take(0, clock.Elapsed, endpoint.Port, server.Process));
        int perSample = Math.Max(1, calls / Samples);
        for (int sampled = 0; sampled < calls; sampled += perSample)
        {
            int batch = Math.Min(perSample, calls - sampled);
            long next = sampled;
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    long call = Interlocked.Increment(ref next);
                    if (call > sampled + batch)
                    {
                        return;
                    }

                    // A scope per call, as a web request gets one, and a fresh typed client in it: neither may leak.
                    // (Resolving a disposable transient from the root provider instead keeps every instance until the
                    // provider is disposed; that is a rule of Microsoft.Extensions.DependencyInjection, noted in README.)
                    await using var scope = provider.CreateAsyncScope();
                    var client = scope.ServiceProvider.GetRequiredService<ISignalingClient>();
                    try
                    {
                        await CallAsync(client, call).ConfigureAwait(false);
                    }
                    catch (SignalingServiceException)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    Interlocked.Increment(ref done);
                }
            })).ToArray();
            await Task.WhenAll(workers).ConfigureAwait(false);
            rows.Add(Sample.Take(Interlocked.Read(ref done), clock.Elapsed, endpoint.Port, server.Process));
        }

        string report = Report(rows, calls, failures, emulator);
        Console.WriteLine(report);
        await ResultsWriter.WriteMarkdownAsync("MemorySoak.md", report).ConfigureAwait(false);
        return Flat(rows) && failures == 0 ? 0 : 1;
    }

    private static Task CallAsync(ISignalingClient client, long call)
    {
        string user = "user" + (call % 1000).ToString(CultureInfo.InvariantCulture);
        return (call % 10) switch
        {
            < 4 => client.SendPeerMessageAsync(user, "receiver", "soak"),
            < 7 => client.SendChannelMessageAsync(user, "lobby", "soak"),
            7 => client.GetUserEventsAsync(),
            8 => client.GetChannelEventsAsync(),
            _ => client.GetMessageHistoryAsync(user, HistoryChannelType.Message, "lobby"),
        };
    }

    // Flat: handler recycling makes a sawtooth (each generation's connections and buffers live until the factory
    // disposes it), so the peaks of the second half are compared with the peaks of the first, after warm-up.
    // A leak raises the later peaks; a sawtooth does not.
    private static bool Flat(List<Sample> rows)
    {
        var settled = rows.Skip(Math.Max(1, rows.Count / 5)).ToList();
        var early = settled.Take(settled.Count / 2).ToList();
        var late = settled.Skip(settled.Count / 2).ToList();
        return late.Max(r => r.HeapBytes) <= (early.Max(r => r.HeapBytes) * 1.1) + (1 << 20)
            && late.Max(r => r.FileDescriptors) <= early.Max(r => r.FileDescriptors) + 16;
    }

    private static string Report(List<Sample> rows, int calls, int failures, bool emulator)
    {
        var text = new StringBuilder();
        text.AppendLine("# MemorySoak").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"{calls:N0} calls from {Workers} concurrent workers through one dependency-injected client (handlers recycled every 5 s), ")
            .AppendLine(CultureInfo.InvariantCulture, $"against {(emulator ? "the emulator" : "the fixed-response server")} in another process; tokens minted per request for 1,000 users.");
        text.Append(CultureInfo.InvariantCulture, $"Run on {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version} ")
            .AppendLine("(`dotnet run -c Release --project bench -- --soak 100000`).").AppendLine();
        text.AppendLine("| Calls | Elapsed (s) | Managed heap after full GC (MB) | Working set (MB) | File descriptors | Threads | TCP established | TCP TIME_WAIT | Server working set (MB) |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Calls:N0} | {row.Elapsed.TotalSeconds:0.0} | {row.HeapBytes / 1048576.0:0.00} | {row.WorkingSetBytes / 1048576.0:0.0} | {row.FileDescriptors} | {row.Threads} | {row.Established} | {row.TimeWait} | {row.ServerWorkingSetBytes / 1048576.0:0.0} |");
        }

        var last = rows[^1];
        text.AppendLine()
            .Append(CultureInfo.InvariantCulture, $"Throughput {last.Calls / last.Elapsed.TotalSeconds:N0} calls/s; {failures} service errors; heap and descriptors {(Flat(rows) ? "flat" : "GROWING")} ")
            .AppendLine(CultureInfo.InvariantCulture, $"(heap peak {rows.Skip(1).Max(r => r.HeapBytes) / 1048576.0:0.00} MB, end {last.HeapBytes / 1048576.0:0.00} MB; at most {rows.Max(r => r.TimeWait)} sockets in TIME_WAIT).");
        return text.ToString();
    }

    private sealed record Sample(long Calls, TimeSpan Elapsed, long HeapBytes, long WorkingSetBytes, int FileDescriptors, int Threads, int Established, int TimeWait, long ServerWorkingSetBytes)
    {
        public static Sample Take(long calls, TimeSpan elapsed, int port, Process server)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var self = Process.GetCurrentProcess();
            server.Refresh();
            var (established, timeWait, _) = SocketCensus.ToRemotePort(port);
            return new Sample(calls, elapsed, GC.GetTotalMemory(forceFullCollection: false), self.WorkingSet64, SocketCensus.OpenFileDescriptors(), self.Threads.Count, established, timeWait, server.WorkingSet64);
        }
    }
}
