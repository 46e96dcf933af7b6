using Polly;
using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>
/// What may be retried, decided by the operation's <see cref="RequestKind"/> alone: which failures are transient, and
/// which of those prove the service never processed the request.
/// </summary>
internal static class RetryRules
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

    /// <summary>Whether an answered attempt can have been processed: a 429 is refused before processing.</summary>
    public static bool MayHaveBeenProcessed(int status) => status != 429;

    /// <summary>
    /// Whether a transient answer leaves the call's outcome unknown: a message answered 408 or 5xx may have been
    /// delivered, and is not resent.
    /// </summary>
    public static bool LeavesOutcomeUnknown(RequestKind kind, int status) =>
        kind == RequestKind.Send && IsTransientStatus(status) && MayHaveBeenProcessed(status);

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
        if (!MayHaveBeenProcessed(status))
        {
            return true; // rate limited: the service refused the request without processing it
        }

        return IsTransientStatus(status) && (kind != RequestKind.Send || sendMode == SendRetryMode.OnAnyTransientFailure);
    }
}
