using Newtonsoft.Json;

namespace Agora.Signaling;

/// <summary>
/// What every generated operation does once its URL is built: make the request, send it, read the documented
/// success body, and turn any other status into a <see cref="RestApiException"/>. Written by hand so that a call
/// pays for no more than it uses: response headers are copied only for an exception, and the request body is
/// written by one cached serializer.
/// </summary>
internal static class RestCall
{
    /// <summary>Creates the request of one call to a generated operation; the call's context must be for that operation.</summary>
    public static HttpRequestMessage CreateRequest(SignalingOperation operation, string url, HttpContent? content, RequestContext context)
    {
        if (!ReferenceEquals(context.Operation, operation))
        {
            // A hand-written method that passed another operation's context would be retried, limited and logged wrongly.
            content?.Dispose();
            throw new InvalidOperationException($"A call to {context.Operation.Name} cannot send {operation.Name}'s request.");
        }

        var request = new SignalingRequestMessage(new Uri(url, UriKind.Absolute), context) { Content = content };
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        return request;
    }

    /// <summary>Writes a request body as JSON, straight to UTF-8 and sent with its length, declared as UTF-8 the way Agora's documentation sends it.</summary>
    public static HttpContent JsonContent<T>(T body, JsonSerializerSettings settings)
    {
        var content = new ByteArrayContent(Utf8BodyWriter.Serialize(RestResponseReader.SerializerFor(settings), body));

        // The header text StringContent wrote, kept as text: nothing in the SDK reads it back, so it is never parsed.
        content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        return content;
    }

    // Pooled: a call that waits for the network reuses this method's state instead of allocating it (about 210 bytes).
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<T> SendAsync<T>(HttpClient http, HttpRequestMessage request, int successStatus, Func<int, string?> describeStatus, JsonSerializerSettings settings, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            if (status == successStatus)
            {
                return await RestResponseReader.ReadAsync<T>(response, settings, cancellationToken).ConfigureAwait(false);
            }

            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            string message = describeStatus(status) ?? $"The HTTP status code of the response was not expected ({status}).";
            throw new RestApiException(message, status, body, Headers(response), null);
        }
    }

    /// <summary>Copies a response's headers, content headers included, for an exception to carry.</summary>
    public static IReadOnlyDictionary<string, IEnumerable<string>> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value;
        }

        foreach (var header in response.Content.Headers)
        {
            headers[header.Key] = header.Value;
        }

        return headers;
    }
}
