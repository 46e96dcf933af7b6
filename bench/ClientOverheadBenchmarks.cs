using Agora.Signaling.Benchmarks.Baseline;
using Agora.Signaling.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;

namespace Agora.Signaling.Benchmarks;

/// <summary>
/// A peer message through the SDK and by hand over an in-memory handler that answers at once: no sockets, no
/// server, so the figures are the clients' own CPU time and allocations, which the loopback benchmarks dilute.
/// The handler reads every request body, so each client pays for writing its JSON.
/// </summary>
[System.ComponentModel.Description("A peer message over an in-memory handler that answers at once: the clients' own CPU time and allocations, without sockets or a server (rate limiter off).")]
[MemoryDiagnoser]
public class ClientOverheadBenchmarks
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/");

    private SignalingClient _sdk = null!;
    private HandWrittenSignalingClient _handWritten = null!;
    private HttpClient _http = null!;
    private TunedSignalingClient _tuned = null!;
    private HttpClient _tunedHttp = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Without a network a call takes a few microseconds, so even the highest limit (100,000 a second) would make
        // callers wait: the limiter is off here, and its cost shows in the loopback benchmarks instead.
        _sdk = BenchClients.Sdk(Endpoint, messagesPerSecond: null, CannedResponseHandler.MessageSent());
        (_handWritten, _http) = BenchClients.HandWritten(Endpoint, CannedResponseHandler.MessageSent());
        (_tuned, _tunedHttp) = BenchClients.Tuned(Endpoint, CannedResponseHandler.MessageSent());
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _http.Dispose();
        _tunedHttp.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written, no network")]
    public Task<HandWrittenSignalingClient.SendResult> HandWritten() => _handWritten.SendPeerMessageAsync("userA", "userB", "Hello");

    [Benchmark(Description = "tuned hand-written, no network")]
    public Task<HandWrittenSignalingClient.SendResult> Tuned() => _tuned.SendPeerMessageAsync("userA", "userB", "Hello");

    [Benchmark(Description = "SDK, no network")]
    public Task<SendMessageResponse> Sdk() => _sdk.SendPeerMessageAsync("userA", "userB", "Hello");
}
