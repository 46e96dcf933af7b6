namespace Agora.Signaling;

/// <summary>
/// A credential refused to authenticate a request. Thrown where the operation is not known (the credential and its
/// token cache), and turned into a <see cref="SignalingCredentialException"/> by the client; it never leaves the SDK.
/// </summary>
internal sealed class CredentialFailure : Exception
{
    public CredentialFailure(string message)
        : base(message)
    {
    }

    public CredentialFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
