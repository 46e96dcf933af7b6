using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Agora.Signaling.Tests.Properties;

/// <summary>
/// The bottom of a real client's pipeline: records each request as it would go on the wire and answers every
/// operation with a documented 200, so a property covers the whole call without a server.
/// </summary>
internal sealed class FixedAnswerTransport : HttpMessageHandler
{
    public const string AppId = "876922cbca0098dff4323566daa89675";

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>A client over this transport with Basic credentials, no retries and no client-side rate limit.</summary>
    public SignalingClient CreateClient(SignalingCredential? credential = null)
    {
        var options = new SignalingClientOptions
        {
            AppId = AppId,
            Endpoint = new Uri("http://127.0.0.1:9/"),
            HistoryEndpoint = new Uri("http://127.0.0.1:9/"),
            Credential = credential ?? new BasicCredential("property-customer", "property-secret"),
        };

        // Retries and the rate limiter would only repeat or delay requests that are answered at once anyway.
        options.Retry.MaxRetries = 0;
        options.RateLimits.Enabled = false;
        return new SignalingClient(options, this);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers.AsEnumerable() ?? [])
            .SelectMany(h => h.Value.Select(v => (h.Key, Value: v)))
            .ToList();
        byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Requests.Enqueue(new SeenRequest(request.Method.Method, request.RequestUri!, headers, body));

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(AnswerFor(request.RequestUri!.AbsolutePath), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>A documented 200 body of the operation at <paramref name="path"/>.</summary>
    public static string AnswerFor(string path) => path switch
    {
        _ when path.EndsWith("_messages", StringComparison.Ordinal) => """{"result":"success","request_id":"1","code":"message_sent"}""",
        _ when path.EndsWith("_events", StringComparison.Ordinal) => """{"result":"success","request_id":"1","events":[]}""",
        _ when path.Contains("/rtm/v2/history/", StringComparison.Ordinal) =>
            """{"errorCode":200,"error":false,"requestId":"1","operation":"getMessage","reason":"","timestamp":1,"data":{"messageList":[],"count":0,"newStart":0}}""",
        _ when path.EndsWith("/history/query", StringComparison.Ordinal) =>
            """{"result":"success","offset":0,"limit":20,"order":"asc","location":"~/rtm/message/history/query/h1"}""",
        _ when path.Contains("/history/query/", StringComparison.Ordinal) => """{"result":"success","code":"ok","messages":[]}""",
        _ when path.EndsWith("/history/count", StringComparison.Ordinal) => """{"result":"success","code":"ok","count":0}""",
        _ => "{}",
    };
}

/// <summary>One request as the transport received it: the URI still percent-encoded, every header value, the body bytes.</summary>
internal sealed record SeenRequest(string Method, Uri Uri, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    /// <summary>Gets the path segments exactly as they go on the wire, still percent-encoded.</summary>
    public string[] RawSegments => Uri.AbsolutePath.Trim('/').Split('/');

    public string BodyText => Encoding.UTF8.GetString(Body);
}
