using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Agora.Signaling.Benchmarks.Baseline;

/// <summary>
/// The calls as a developer writes them without the SDK, the way Agora's documentation samples do: build the
/// URL, set the Basic header, send the JSON (with its length), read the JSON (System.Text.Json, today's default). No validation,
/// retries, rate limits, logging or telemetry: this is the floor the SDK's overhead is measured against.
/// </summary>
public sealed class HandWrittenSignalingClient(HttpClient http, Uri endpoint, string appId, string customerId, string customerSecret)
{
    private readonly string _base = endpoint.AbsoluteUri;
    private readonly AuthenticationHeaderValue _basic = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(customerId + ":" + customerSecret)));

    public async Task<SendResult> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, CancellationToken cancellationToken = default)
    {
        string url = $"{_base}dev/v2/project/{appId}/rtm/users/{Uri.EscapeDataString(fromUserId)}/peer_messages?wait_for_ack=false";
        return await PostAsync(url, new PeerMessage(toUserId, payload), cancellationToken).ConfigureAwait(false);
    }

    public async Task<SendResult> SendChannelMessageAsync(string fromUserId, string channelName, string payload, CancellationToken cancellationToken = default)
    {
        string url = $"{_base}dev/v2/project/{appId}/rtm/users/{Uri.EscapeDataString(fromUserId)}/channel_messages";
        return await PostAsync(url, new ChannelMessage(channelName, payload), cancellationToken).ConfigureAwait(false);
    }

    public Task<UserEventsResult> GetUserEventsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<UserEventsResult>($"{_base}dev/v2/project/{appId}/rtm/vendor/user_events", cancellationToken);

    public Task<HistoryResult> GetMessageHistoryAsync(string userId, string channelName, CancellationToken cancellationToken = default) =>
        GetAsync<HistoryResult>(
            $"{_base}rtm/v2/history/{appId}/userId/{Uri.EscapeDataString(userId)}/channelType/message/channel/{Uri.EscapeDataString(channelName)}?start=0&end=0&messageCount=100",
            cancellationToken);

    private async Task<SendResult> PostAsync<TBody>(string url, TBody body, CancellationToken cancellationToken)
    {
        // Serialized to bytes first: JsonContent.Create would send the body chunked, with no Content-Length.
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = _basic;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SendResult>(cancellationToken).ConfigureAwait(false))!;
    }

    private async Task<T> GetAsync<T>(string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = _basic;
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false))!;
    }

    public sealed record PeerMessage([property: JsonPropertyName("destination")] string Destination, [property: JsonPropertyName("payload")] string Payload);

    public sealed record ChannelMessage([property: JsonPropertyName("channel_name")] string ChannelName, [property: JsonPropertyName("payload")] string Payload);

    public sealed record SendResult(
        [property: JsonPropertyName("result")] string? Result,
        [property: JsonPropertyName("request_id")] string? RequestId,
        [property: JsonPropertyName("code")] string? Code);

    public sealed record UserEvent(
        [property: JsonPropertyName("user_id")] string? UserId,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("ms")] long Ms);

    public sealed record UserEventsResult(
        [property: JsonPropertyName("result")] string? Result,
        [property: JsonPropertyName("request_id")] string? RequestId,
        [property: JsonPropertyName("events")] List<UserEvent>? Events);

    public sealed record HistoryMessage(
        [property: JsonPropertyName("messageType")] string? MessageType,
        [property: JsonPropertyName("message")] string? Message,
        [property: JsonPropertyName("customType")] string? CustomType,
        [property: JsonPropertyName("publisher")] string? Publisher,
        [property: JsonPropertyName("timestamp")] long Timestamp);

    public sealed record HistoryPage(
        [property: JsonPropertyName("messageList")] List<HistoryMessage>? MessageList,
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("newStart")] long NewStart);

    public sealed record HistoryResult(
        [property: JsonPropertyName("errorCode")] int ErrorCode,
        [property: JsonPropertyName("error")] bool Error,
        [property: JsonPropertyName("requestId")] string? RequestId,
        [property: JsonPropertyName("data")] HistoryPage? Data);
}
