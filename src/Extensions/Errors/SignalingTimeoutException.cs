namespace Agora.Signaling;

/// <summary>
/// No answer came in time: a read got none within <see cref="SignalingClientOptions.Timeout"/> or
/// <see cref="SignalingClientOptions.OverallTimeout"/>, or a call's overall timeout ran out before the service could
/// process it. A send that may have been processed raises <see cref="SignalingOutcomeUnknownException"/> instead, so
/// a send that raises this one was not processed and can be sent again.
/// </summary>
/// <remarks><see cref="SignalingException.Status"/> is 0: no answer came.</remarks>
public sealed class SignalingTimeoutException : SignalingException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingTimeoutException"/> class.</summary>
    /// <param name="operation">The operation, such as <c>GetUserEvents</c>.</param>
    /// <param name="message">What ran out, and when.</param>
    /// <param name="innerException">The timeout or cancellation that ended the call, if any.</param>
    /// <param name="attempts">The attempts made, in order.</param>
    public SignalingTimeoutException(string operation, string message, Exception? innerException = null, IReadOnlyList<SignalingAttempt>? attempts = null)
        : base(message, operation, 0, null, attempts, innerException)
    {
    }

    internal static SignalingTimeoutException NoAnswer(string operation, IReadOnlyList<SignalingAttempt> attempts, Exception innerException) =>
        new(operation, $"{operation} got no answer in time{SignalingAttempt.Describe(attempts)}.", innerException, attempts);

    internal static SignalingTimeoutException NotSent(string operation, TimeSpan overall, IReadOnlyList<SignalingAttempt> attempts, Exception? innerException) =>
        new(operation, $"{operation} was not sent: its overall timeout of {overall} ran out before the service could process it{SignalingAttempt.Describe(attempts)}.", innerException, attempts);
}
