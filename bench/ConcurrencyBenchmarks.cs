using Agora.Signaling.Benchmarks.Baseline;
using Agora.Signaling.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;

namespace Agora.Signaling.Benchmarks;

/// <summary>
/// 64 senders sharing one client, each sending peer messages back to back: the throughput of the SDK with its
/// default 500 messages a second, of the SDK with the limiter off, and of the hand-written call.
/// </summary>
[System.ComponentModel.Description("64 senders sharing one client, 8 peer messages each per invocation, against the loopback server; Calls/s is their combined throughput.")]
[MemoryDiagnoser]
public class ConcurrencyBenchmarks
{
    public const int Senders = 64;
    public const int MessagesPerSender = 8;
    private const int Messages = Senders * MessagesPerSender;

    private SignalingClient _sdkLimited = null!;
    private SignalingClient _sdkUnlimited = null!;
    private HandWrittenSignalingClient _handWritten = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        var endpoint = BenchClients.Endpoint();
        _sdkLimited = BenchClients.Sdk(endpoint, messagesPerSecond: 500);
        _sdkUnlimited = BenchClients.Sdk(endpoint, messagesPerSecond: null);
        (_handWritten, _http) = BenchClients.HandWritten(endpoint);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdkLimited.Dispose();
        _sdkUnlimited.Dispose();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages, Description = "hand-written")]
    public Task HandWritten() => RunSendersAsync(sender => _handWritten.SendPeerMessageAsync(sender, "userB", "Hello"));

    [Benchmark(OperationsPerInvoke = Messages, Description = "SDK, limiter off")]
    public Task SdkLimiterOff() => RunSendersAsync(sender => _sdkUnlimited.SendPeerMessageAsync(sender, "userB", "Hello"));

    [Benchmark(OperationsPerInvoke = Messages, Description = "SDK, 500/s limiter (default)")]
    public Task SdkDefaultLimiter() => RunSendersAsync(sender => _sdkLimited.SendPeerMessageAsync(sender, "userB", "Hello"));

    private static Task RunSendersAsync<T>(Func<string, Task<T>> send)
    {
        var senders = new Task[Senders];
        for (int i = 0; i < senders.Length; i++)
        {
            string sender = "sender" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            senders[i] = Task.Run(async () =>
            {
                for (int m = 0; m < MessagesPerSender; m++)
                {
                    await send(sender).ConfigureAwait(false);
                }
            });
        }

        return Task.WhenAll(senders);
    }
}
