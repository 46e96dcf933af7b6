using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>Names a failure without an answer in a few words, for logs, metrics and exception messages.</summary>
internal static class FailureDescription
{
    public static string Of(Exception exception) => exception switch
    {
        TimeoutRejectedException => "timed out",
        UnreadableResponseException => "unreadable body",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host not found",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => "connection failed",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "connection dropped before the answer",
        HttpRequestException or IOException => "connection dropped",
        _ => exception.GetType().Name,
    };
}
