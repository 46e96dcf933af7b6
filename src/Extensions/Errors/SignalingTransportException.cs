namespace Agora.Signaling;

/// <summary>
/// The service could not be reached: every attempt, on every host tried, failed without an answer, and none of
/// them can have been processed (for a read, the answer may also have been lost after sending).
/// </summary>
/// <remarks><see cref="SignalingException.Status"/> is 0: no answer came.</remarks>
public sealed class SignalingTransportException : SignalingException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingTransportException"/> class.</summary>
    /// <param name="operation">The operation, such as <c>GetUserEvents</c>.</param>
    /// <param name="innerException">The failure of the last attempt.</param>
    /// <param name="attempts">The attempts made, in order.</param>
    public SignalingTransportException(string operation, Exception innerException, IReadOnlyList<SignalingAttempt>? attempts = null)
        : base(
            $"{operation}: the service could not be reached ({FailureDescription.Of(innerException)}){SignalingAttempt.Describe(attempts ?? [])}.",
            operation,
            0,
            null,
            attempts,
            innerException)
    {
    }
}
