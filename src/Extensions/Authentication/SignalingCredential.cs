namespace Agora.Signaling;

/// <summary>
/// Authenticates requests to the Agora Signaling REST API.
/// </summary>
/// <remarks>
/// Agora accepts HTTP Basic (customer ID and secret), AccessToken2 and the legacy AccessToken.
/// <see cref="BasicCredential"/> is available now; the token schemes plug in here.
/// </remarks>
public abstract class SignalingCredential
{
    private protected SignalingCredential()
    {
    }

    /// <summary>
    /// Gets the user ID this credential restricts senders to, or <see langword="null"/> when any user may send.
    /// </summary>
    public virtual string? RestrictedToUserId => null;

    /// <summary>Adds the authentication headers to one attempt of a request.</summary>
    internal abstract ValueTask ApplyAsync(HttpRequestMessage request, CancellationToken cancellationToken);
}
