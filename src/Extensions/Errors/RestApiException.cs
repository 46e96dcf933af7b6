namespace Agora.Signaling;

/// <summary>
/// The exception the generated clients throw for unexpected statuses and unreadable bodies.
/// It never leaves the SDK: <see cref="ServiceErrorTranslator"/> turns it into a <see cref="SignalingServiceException"/>.
/// </summary>
internal partial class RestApiException : Exception
{
    public RestApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    public int StatusCode { get; }

    public string? Response { get; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}

/// <summary>The generated clients' variant carrying a deserialized error body, which the translator does not need.</summary>
internal sealed partial class RestApiException<TResult> : RestApiException
{
    public RestApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
        Result = result;
    }

    public TResult Result { get; }
}
