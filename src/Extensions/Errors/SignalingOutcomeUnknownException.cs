namespace Agora.Signaling;

/// <summary>
/// A message (or an event pull) may or may not have been processed: the service answered with a transient
/// error, or no answer came after the request was sent. It was not resent, since the API has no idempotency key;
/// check before sending it again, or allow resends with <see cref="SignalingRetryOptions.RetrySends"/>.
/// </summary>
public sealed class SignalingOutcomeUnknownException : SignalingServiceException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingOutcomeUnknownException"/> class.</summary>
    /// <param name="operation">The operation, such as <c>SendPeerMessage</c>.</param>
    /// <param name="status">The HTTP status answered, or 0 when no answer came.</param>
    /// <param name="requestId">The request ID, when the service answered with one.</param>
    /// <param name="innerException">What happened: the service error, timeout or dropped connection.</param>
    /// <param name="attempts">The attempts made, in order.</param>
    public SignalingOutcomeUnknownException(string operation, int status, string? requestId, Exception? innerException, IReadOnlyList<SignalingAttempt>? attempts = null)
        : base(
            What(operation, status, requestId, innerException) + " The outcome is unknown: the request may have been processed, so it was not resent." + SignalingAttempt.Describe(attempts ?? []),
            operation,
            status,
            (innerException as SignalingServiceException)?.ErrorCode,
            (innerException as SignalingServiceException)?.Reason,
            requestId,
            (innerException as SignalingServiceException)?.ResponseBody,
            innerException,
            attempts)
    {
    }

    private static string What(string operation, int status, string? requestId, Exception? innerException) => status != 0
        ? BuildMessage(operation, status, (innerException as SignalingServiceException)?.ErrorCode, (innerException as SignalingServiceException)?.Reason, requestId)
        : $"{operation} failed: no answer came ({(innerException is null ? "unknown" : FailureDescription.Of(innerException))}).";
}
