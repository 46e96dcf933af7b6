using System.Net;
using System.Text;

namespace Agora.Signaling.Benchmarks.Loopback;

/// <summary>Answers every request at once with a fixed body, with no network: what is left to measure is the client's own work.</summary>
public sealed class CannedResponseHandler(string json) : HttpMessageHandler
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes(json);

    /// <summary>Creates a handler answering every request as a sent message.</summary>
    public static CannedResponseHandler MessageSent() => new(FixedResponseServer.MessageSentJson);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The request body is read, as a server reads it: a body serialized only when it is read costs its writing here too.
        if (request.Content is { } content)
        {
            await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        // The header is stored as text, unparsed, as SocketsHttpHandler stores what it receives: a client that never
        // reads it should not pay for parsing it here.
        var answer = new ByteArrayContent(_body);
        answer.Headers.TryAddWithoutValidation("Content-Type", "application/json;charset=utf-8");
        return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = answer };
    }
}
