namespace Agora.Signaling;

/// <summary>
/// A credential cannot authenticate a request, found before it was sent: a token for another user, or a
/// token provider that failed or returned something that is not a token of the expected kind.
/// </summary>
/// <remarks>The message never contains a secret or a token.</remarks>
public sealed class SignalingCredentialException : InvalidOperationException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingCredentialException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public SignalingCredentialException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SignalingCredentialException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The exception that revealed it.</param>
    public SignalingCredentialException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
