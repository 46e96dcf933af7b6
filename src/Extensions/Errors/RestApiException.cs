namespace Agora.Signaling;

/// <summary>
/// The exception the generated clients (through <see cref="RestCall"/>) throw for any status but the documented
/// success, and for a success body that cannot be read.
/// It never leaves the SDK: <see cref="ServiceErrorTranslator"/> turns it into a <see cref="SignalingServiceException"/>.
/// </summary>
internal sealed class RestApiException : Exception
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
