using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using static Agora.Signaling.Benchmarks.Baseline.HandWrittenSignalingClient;

namespace Agora.Signaling.Benchmarks.Baseline;

/// <summary>
/// The same calls as <see cref="HandWrittenSignalingClient"/> as a performance-minded engineer writes them: the body
/// serialized to UTF-8 bytes once and sent with its Content-Length, System.Text.Json source generation for every
/// model, <see cref="HttpCompletionOption.ResponseHeadersRead"/> and the body read from the stream, and no
/// <see cref="HttpClient.Timeout"/> (the caller's token is the only deadline). Still no validation, retries, rate
/// limits or telemetry: the floor below the hand-written floor.
/// </summary>
public sealed class TunedSignalingClient(HttpClient http, Uri endpoint, string appId, string customerId, string customerSecret)
{
    private static readonly MediaTypeHeaderValue Json = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    private readonly string _base = endpoint.AbsoluteUri;
    private readonly AuthenticationHeaderValue _basic = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(customerId + ":" + customerSecret)));

    public Task<SendResult> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, CancellationToken cancellationToken = default) =>
        PostAsync(
            $"{_base}dev/v2/project/{appId}/rtm/users/{Uri.EscapeDataString(fromUserId)}/peer_messages?wait_for_ack=false",
            JsonSerializer.SerializeToUtf8Bytes(new PeerMessage(toUserId, payload), TunedJsonContext.Default.PeerMessage),
            cancellationToken);

    public Task<SendResult> SendChannelMessageAsync(string fromUserId, string channelName, string payload, CancellationToken cancellationToken = default) =>
        PostAsync(
            $"{_base}dev/v2/project/{appId}/rtm/users/{Uri.EscapeDataString(fromUserId)}/channel_messages",
            JsonSerializer.SerializeToUtf8Bytes(new ChannelMessage(channelName, payload), TunedJsonContext.Default.ChannelMessage),
            cancellationToken);

    public Task<UserEventsResult> GetUserEventsAsync(CancellationToken cancellationToken = default) =>
        GetAsync($"{_base}dev/v2/project/{appId}/rtm/vendor/user_events", TunedJsonContext.Default.UserEventsResult, cancellationToken);

    public Task<HistoryResult> GetMessageHistoryAsync(string userId, string channelName, CancellationToken cancellationToken = default) =>
        GetAsync(
            $"{_base}rtm/v2/history/{appId}/userId/{Uri.EscapeDataString(userId)}/channelType/message/channel/{Uri.EscapeDataString(channelName)}?start=0&end=0&messageCount=100",
            TunedJsonContext.Default.HistoryResult,
            cancellationToken);

    private async Task<SendResult> PostAsync(string url, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.Authorization = _basic;
        return await ReadAsync(request, TunedJsonContext.Default.SendResult, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string url, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = _basic;
        return await ReadAsync(request, type, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ReadAsync<T>(HttpRequestMessage request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return (await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false))!;
    }
}

/// <summary>The tuned client's serializers, generated at build time.</summary>
[JsonSerializable(typeof(PeerMessage))]
[JsonSerializable(typeof(ChannelMessage))]
[JsonSerializable(typeof(SendResult))]
[JsonSerializable(typeof(UserEventsResult))]
[JsonSerializable(typeof(HistoryResult))]
internal sealed partial class TunedJsonContext : JsonSerializerContext;
