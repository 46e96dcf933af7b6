using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Agora.Signaling.Benchmarks.Loopback;

/// <summary>
/// A Kestrel server on a loopback port that answers every Signaling operation with the same documented
/// response, so a benchmark measures the client and not a server's work.
/// </summary>
public sealed class FixedResponseServer : IAsyncDisposable
{
    public const string AppId = "876922cbca0098dff4323566daa89675";
    public const string CustomerId = "bench-customer";
    public const string CustomerSecret = "bench-secret";

    /// <summary>The documented answer to a peer or channel message, which every benchmark of a send gets.</summary>
    public const string MessageSentJson = """{"result":"success","request_id":"123","code":"message_sent"}""";

    /// <summary>The documented answer to a pull of user events, with one event.</summary>
    public const string UserEventsJson = """{"result":"success","request_id":"10116762670167749259","events":[{"user_id":"userA","type":"Login","ms":1578027420761}]}""";

    /// <summary>The documented answer to a message history read, with one message.</summary>
    public const string HistoryJson = """{"errorCode":200,"error":false,"requestId":"1121_1234231","operation":"getMessage","reason":"","timestamp":1234567,"data":{"messageList":[{"messageType":"STRING","message":"Hello, how are you?","customType":"text","publisher":"Tony","timestamp":1234567890}],"count":1,"newStart":0}}""";

    private static readonly byte[] Sent = Utf8(MessageSentJson);
    private static readonly byte[] UserEvents = Utf8(UserEventsJson);
    private static readonly byte[] ChannelEvents = Utf8("""{"result":"success","request_id":"10116762670167749259","events":[{"group_id":"lobby","user_id":"userA","type":"Join","ms":1578027418981}]}""");
    private static readonly byte[] History = Utf8(HistoryJson);

    private readonly WebApplication _app;

    private FixedResponseServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    /// <summary>Gets the server's base address, such as <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri Endpoint { get; }

    public static async Task<FixedResponseServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
        });

        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.Single().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return new FixedResponseServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        // The request body is read in full, as a real server would, so the client's upload is not cut short.
        await context.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);

        string path = context.Request.Path.Value ?? string.Empty;
        byte[] body = path switch
        {
            _ when path.EndsWith("/peer_messages", StringComparison.Ordinal) || path.EndsWith("/channel_messages", StringComparison.Ordinal) => Sent,
            _ when path.EndsWith("/user_events", StringComparison.Ordinal) => UserEvents,
            _ when path.EndsWith("/channel_events", StringComparison.Ordinal) => ChannelEvents,
            _ when path.StartsWith("/rtm/v2/history/", StringComparison.Ordinal) => History,
            _ => [],
        };

        if (body.Length == 0)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json;charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body).ConfigureAwait(false);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
