namespace Agora.Signaling;

/// <summary>
/// The service could not be reached: every attempt, on every host tried, failed without an answer.
/// </summary>
public sealed class SignalingTransportException : HttpRequestException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingTransportException"/> class.</summary>
    /// <param name="operation">The operation, such as <c>GetUserEvents</c>.</param>
    /// <param name="innerException">The failure of the last attempt.</param>
    /// <param name="attempts">The attempts made, in order.</param>
    public SignalingTransportException(string operation, Exception innerException, IReadOnlyList<SignalingAttempt> attempts)
        : base(
            $"{operation}: the service could not be reached ({FailureDescription.Of(innerException)}){SignalingAttempt.Describe(attempts)}.",
            innerException,
            (innerException as HttpRequestException)?.StatusCode)
    {
        Operation = operation;
        Attempts = attempts;
    }

    /// <summary>Gets the operation that failed.</summary>
    public string Operation { get; }

    /// <summary>Gets the attempts made, in order, with the host and failure of each.</summary>
    public IReadOnlyList<SignalingAttempt> Attempts { get; }
}
