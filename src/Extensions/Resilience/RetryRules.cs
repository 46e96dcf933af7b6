using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>Which failures are transient, and which of those prove the service never processed the request.</summary>
internal static class TransientFailures
{
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>The connection was never made, so nothing reached the service.</summary>
    public static bool NeverSent(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError,
    };

    /// <summary>The request may have reached the service, but no answer came back.</summary>
    public static bool AnswerLost(Exception exception) =>
        exception is TimeoutRejectedException or IOException || (exception is HttpRequestException && !NeverSent(exception));

    public static bool ShouldRetry(RequestKind kind, SendRetryMode sendMode, Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } exception)
        {
            // The service answered: a send may have been processed, and a read would get the same body again.
            if (exception is UnreadableResponseException)
            {
                return false;
            }

            if (NeverSent(exception))
            {
                return true;
            }

            // An event pull whose answer was lost may have deleted events; pulling again would hide that.
            return AnswerLost(exception) && (kind == RequestKind.Read || (kind == RequestKind.Send && sendMode == SendRetryMode.OnAnyTransientFailure));
        }

        int status = (int)outcome.Result!.StatusCode;
        if (status == 429)
        {
            return true; // rate limited: the service refused the request without processing it
        }

        return IsTransientStatus(status) && (kind != RequestKind.Send || sendMode == SendRetryMode.OnAnyTransientFailure);
    }

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time)
    {
        RetryConditionHeaderValue? header = response?.Headers.RetryAfter;
        if (header?.Delta is TimeSpan delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    public static string Describe(Exception exception) => exception switch
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
