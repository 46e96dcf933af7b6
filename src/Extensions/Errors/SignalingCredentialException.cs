namespace Agora.Signaling;

/// <summary>
/// The credential cannot authenticate the request, found before it was sent: a token for another user, an expired
/// token, or a token provider that failed or returned something that is not a token of the expected kind.
/// </summary>
/// <remarks><see cref="SignalingException.Status"/> is 0. The message never contains a secret or a token.</remarks>
public sealed class SignalingCredentialException : SignalingException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingCredentialException"/> class.</summary>
    /// <param name="operation">The operation, such as <c>SendPeerMessage</c>.</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that revealed it, if any.</param>
    /// <param name="attempts">The attempts made before this one, in order.</param>
    public SignalingCredentialException(string operation, string message, Exception? innerException = null, IReadOnlyList<SignalingAttempt>? attempts = null)
        : base(message, operation, 0, null, attempts, innerException)
    {
    }
}
