namespace Agora.Signaling;

/// <summary>
/// Authenticates requests to the Agora Signaling REST API: <see cref="BasicCredential"/>,
/// <see cref="AccessToken2Credential"/>, <see cref="LegacyAccessTokenCredential"/> or <see cref="AppCertificateCredential"/>.
/// </summary>
public abstract class SignalingCredential
{
    private protected SignalingCredential()
    {
    }

    /// <summary>
    /// Gets the only user ID messages may be sent as, when the credential is a token built for one user;
    /// otherwise <see langword="null"/>.
    /// </summary>
    public virtual string? RestrictedToUserId => null;

    /// <summary>Gets what the client masks out of text from the wire: this credential's secrets, and any token.</summary>
    internal SecretMask Secrets { get; } = new();

    /// <summary>Adds the authentication headers to one attempt of a request.</summary>
    /// <param name="request">The request; its headers are replaced, not added to, so a retried attempt carries one set.</param>
    /// <param name="userId">The user the request is made as (the sender, or the history reader), when it has one.</param>
    /// <param name="time">The clock that decides token expiry.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    internal abstract ValueTask ApplyAsync(HttpRequestMessage request, string? userId, TimeProvider time, CancellationToken cancellationToken);

    /// <summary>Refuses, before sending, a message sent as a user the token was not built for.</summary>
    /// <remarks>
    /// Agora documents the token-user rule for messages only: a read (history) names its reader, which the service is not
    /// documented to compare with the token, so it is not refused here either.
    /// </remarks>
    private protected static void CheckSender(string tokenUser, string? userId, HttpRequestMessage request)
    {
        if (userId is not null && RequestContext.Of(request)?.Operation.Kind == RequestKind.Send && !string.Equals(tokenUser, userId, StringComparison.Ordinal))
        {
            throw new CredentialFailure(
                $"With token authentication a message can only be sent as the token's user ('{PrintableText.Escape(tokenUser)}'), not '{userId}'.");
        }
    }
}
