using Agora.Signaling.Benchmarks.Baseline;
using Agora.Signaling.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;

namespace Agora.Signaling.Benchmarks;

/// <summary>
/// A peer message through the SDK and by hand over an in-memory handler that answers at once: no sockets, no
/// server, so the figures are the clients' own CPU time and allocations, which the loopback benchmarks dilute.
/// </summary>
[System.ComponentModel.Description("A peer message over an in-memory handler that answers at once: the clients' own CPU time and allocations, without sockets or a server (rate limiter off).")]
[MemoryDiagnoser]
public class ClientOverheadBenchmarks
{
    private const string Sent = """{"result":"success","request_id":"123","code":"message_sent"}""";
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/");

    private SignalingClient _sdk = null!;
    private HandWrittenSignalingClient _handWritten = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new SignalingClientOptions
        {
            AppId = FixedResponseServer.AppId,
            Endpoint = Endpoint,
            HistoryEndpoint = Endpoint,
            Credential = new BasicCredential(FixedResponseServer.CustomerId, FixedResponseServer.CustomerSecret),
        };
        // Without a network a call takes a few microseconds, so even the highest limit (100,000 a second) would make
        // callers wait: the limiter is off here, and its cost shows in the loopback benchmarks instead.
        options.RateLimits.Enabled = false;
        _sdk = new SignalingClient(options, new CannedResponseHandler(Sent));
        _http = new HttpClient(new CannedResponseHandler(Sent));
        _handWritten = new HandWrittenSignalingClient(_http, Endpoint, FixedResponseServer.AppId, FixedResponseServer.CustomerId, FixedResponseServer.CustomerSecret);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written, no network")]
    public Task<HandWrittenSignalingClient.SendResult> HandWritten() => _handWritten.SendPeerMessageAsync("userA", "userB", "Hello");

    [Benchmark(Description = "SDK, no network")]
    public Task<SendMessageResponse> Sdk() => _sdk.SendPeerMessageAsync("userA", "userB", "Hello");
}
