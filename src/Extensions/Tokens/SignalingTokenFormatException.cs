namespace Agora.Signaling;

/// <summary>
/// A string is not a well-formed Agora AccessToken2 (007) or AccessToken (006).
/// </summary>
/// <remarks>The message says what is wrong without repeating the token, which is a credential.</remarks>
public sealed class SignalingTokenFormatException : FormatException
{
    /// <summary>Initializes a new instance of the <see cref="SignalingTokenFormatException"/> class.</summary>
    /// <param name="message">What is wrong with the token.</param>
    public SignalingTokenFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SignalingTokenFormatException"/> class.</summary>
    /// <param name="message">What is wrong with the token.</param>
    /// <param name="innerException">The exception that revealed it.</param>
    public SignalingTokenFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
