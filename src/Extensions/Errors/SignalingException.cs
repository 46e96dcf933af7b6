namespace Agora.Signaling;

/// <summary>
/// A call to the Agora Signaling service failed. Every failure of a call derives from this type; the subclass says
/// what happened: <see cref="SignalingServiceException"/> (the service answered with an error),
/// <see cref="SignalingOutcomeUnknownException"/> (a send may or may not have been processed),
/// <see cref="SignalingTransportException"/> (the service could not be reached),
/// <see cref="SignalingTimeoutException"/> (no answer in time) and <see cref="SignalingCredentialException"/>
/// (the credential could not authenticate the request).
/// </summary>
/// <remarks>
/// Invalid arguments raise <see cref="ArgumentException"/> before anything is sent, and a cancelled call raises
/// <see cref="OperationCanceledException"/>, as .NET expects. The message never contains a credential.
/// </remarks>
public abstract class SignalingException : Exception
{
    private protected SignalingException(string message, string operation, int status, string? requestId, IReadOnlyList<SignalingAttempt>? attempts, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Operation = operation;
        Status = status;
        RequestId = requestId;
        Attempts = attempts ?? [];
    }

    /// <summary>Gets the operation that failed, such as <c>SendPeerMessage</c>.</summary>
    public string Operation { get; }

    /// <summary>Gets the HTTP status the service answered, or 0 when no answer came.</summary>
    public int Status { get; }

    /// <summary>Gets the request ID to quote to Agora support, when the service answered with one.</summary>
    public string? RequestId { get; }

    /// <summary>Gets the attempts made, in order, with the host and outcome of each; empty when none was made.</summary>
    public IReadOnlyList<SignalingAttempt> Attempts { get; }
}
