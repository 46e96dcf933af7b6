using Agora.Signaling.Benchmarks.Baseline;
using Agora.Signaling.Benchmarks.Loopback;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Agora.Signaling.Benchmarks;

/// <summary>
/// One call at a time, through the SDK with default options and through the same call written by hand, against a
/// loopback server answering a fixed response. The ratio is what the SDK adds to each call.
/// </summary>
/// <remarks>
/// The rate limiter stays on, with its limit raised to the maximum: a sequential loop on loopback outruns Agora's
/// 500 messages a second, and the benchmark measures the limiter's cost, not the quota's wait.
/// </remarks>
[System.ComponentModel.Description("One call at a time through the SDK (default options: Basic authentication, retry pipeline, rate limiter on with its limit raised to 100,000/s so that it never waits) and the same call written by hand with HttpClient and System.Text.Json, both against a Kestrel server in another process on loopback answering a fixed documented response. Ratio = SDK / hand-written.")]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class PerCallBenchmarks
{
    private SignalingClient _sdk = null!;
    private HandWrittenSignalingClient _handWritten = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        var endpoint = BenchClients.Endpoint();
        _sdk = BenchClients.Sdk(endpoint, messagesPerSecond: 100_000);
        (_handWritten, _http) = BenchClients.HandWritten(endpoint);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdk.Dispose();
        _http.Dispose();
    }

    [Benchmark(Baseline = true, Description = "hand-written")]
    [BenchmarkCategory("peer message")]
    public Task<HandWrittenSignalingClient.SendResult> PeerMessageHandWritten() => _handWritten.SendPeerMessageAsync("userA", "userB", "Hello");

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("peer message")]
    public Task<SendMessageResponse> PeerMessageSdk() => _sdk.SendPeerMessageAsync("userA", "userB", "Hello");

    [Benchmark(Baseline = true, Description = "hand-written")]
    [BenchmarkCategory("channel message")]
    public Task<HandWrittenSignalingClient.SendResult> ChannelMessageHandWritten() => _handWritten.SendChannelMessageAsync("userA", "lobby", "Hello");

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("channel message")]
    public Task<SendMessageResponse> ChannelMessageSdk() => _sdk.SendChannelMessageAsync("userA", "lobby", "Hello");

    [Benchmark(Baseline = true, Description = "hand-written")]
    [BenchmarkCategory("user events")]
    public Task<HandWrittenSignalingClient.UserEventsResult> UserEventsHandWritten() => _handWritten.GetUserEventsAsync();

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("user events")]
    public Task<UserEventsResponse> UserEventsSdk() => _sdk.GetUserEventsAsync();

    [Benchmark(Baseline = true, Description = "hand-written")]
    [BenchmarkCategory("message history")]
    public Task<HandWrittenSignalingClient.HistoryResult> HistoryHandWritten() => _handWritten.GetMessageHistoryAsync("Tony", "chatroom");

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("message history")]
    public Task<MessageHistoryResponse> HistorySdk() => _sdk.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");
}
