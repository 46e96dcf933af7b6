using System.Collections.Concurrent;

namespace Agora.Signaling.Tests.Client.Infrastructure;

/// <summary>Keeps the request exactly as the SDK hands it to the socket, then sends it over real HTTP.</summary>
public sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    public ConcurrentQueue<SentRequest> Requests { get; } = new();

    public SentRequest Single => Requests.Should().ContainSingle().Subject;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers.AsEnumerable() ?? [])
            .ToDictionary(h => h.Key, h => string.Join(h.Key == "User-Agent" ? " " : ",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query, headers, body));
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One request as it went on the wire: path and query still percent-encoded.</summary>
public sealed record SentRequest(string Method, string RawPath, string RawQuery, IReadOnlyDictionary<string, string> Headers, string? Body);
