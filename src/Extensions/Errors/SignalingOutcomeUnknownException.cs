namespace Agora.Signaling;

/// <summary>
/// A message (or an event pull) may or may not have been processed: the service answered with a transient
/// error, or no answer came after the request was sent. It was not resent, since the API has no idempotency key;
/// check before sending it again, or allow resends with <see cref="SignalingRetryOptions.RetrySends"/>.
/// </summary>
/// <remarks>
/// <see cref="SignalingException.Status"/> is the transient status answered, or 0 when no answer came; the
/// <see cref="Exception.InnerException"/> is what happened: the <see cref="SignalingServiceException"/> with the
/// service's error code and reason, or the timeout or dropped connection.
/// </remarks>
public sealed class SignalingOutcomeUnknownException : SignalingException
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
            requestId,
            attempts,
            innerException)
    {
    }

    private static string What(string operation, int status, string? requestId, Exception? innerException)
    {
        var service = innerException as SignalingServiceException;
        return status != 0
            ? SignalingServiceException.BuildMessage(operation, status, service?.ErrorCode, service?.Reason, requestId)
            : $"{operation} failed: no answer came ({(innerException is null ? "unknown" : FailureDescription.Of(innerException))}).";
    }
}
