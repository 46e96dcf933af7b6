namespace Agora.Signaling;

/// <summary>
/// Reads a response body into memory inside the attempt, within <see cref="SignalingClientOptions.MaxResponseBodySize"/>,
/// so a connection dropped mid-body is retried (or reported) like any other, and later reads cannot fail.
/// </summary>
internal static class ResponseBuffer
{
    /// <summary>Buffers the body, or says why it cannot be used: too large, or not what its Content-Encoding says.</summary>
    /// <remarks>Transport failures while reading are thrown as they are; the response is disposed then.</remarks>
    public static async ValueTask<UnreadableResponseException?> LoadAsync(HttpResponseMessage response, long limit, string? requestId, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;

        // A declared length over the cap is refused before a byte of the body is read.
        if (response.Content.Headers.ContentLength > limit)
        {
            return UnreadableResponseException.TooLarge(status, requestId, limit);
        }

        try
        {
            // The cap counts bytes as they come out of decompression, so a small gzip bomb is stopped too, and reading
            // stops (dropping the connection) as soon as the cap is passed.
            await response.Content.LoadIntoBufferAsync(limit, cancellationToken).ConfigureAwait(false);
            ReadAsUtf8IfCharsetUnknown(response.Content);
            return null;
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return UnreadableResponseException.TooLarge(status, requestId, limit, exception);
        }
        catch (InvalidDataException exception)
        {
            return new UnreadableResponseException(status, requestId, "The response body could not be decompressed as its Content-Encoding says.", exception);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // Agora answers UTF-8 JSON; a charset .NET does not know would make every later read of the body throw.
    private static void ReadAsUtf8IfCharsetUnknown(HttpContent content)
    {
        if (RestResponseReader.DeclaredEncoding(content) is null && content.Headers.ContentType is { CharSet: { Length: > 0 } } contentType)
        {
            contentType.CharSet = "utf-8";
        }
    }
}
