using System.Diagnostics;

namespace Agora.Signaling;

/// <summary>
/// Legacy AccessToken authentication: <c>x-agora-token: &lt;006…&gt;</c> with <c>x-agora-uid: &lt;user&gt;</c>,
/// the user the token was built for. Messages can be sent only as that user.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class LegacyAccessTokenCredential : SignalingCredential
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly CachedToken? _fixed;

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly TokenCache? _cache;

    /// <summary>Initializes a new instance of the <see cref="LegacyAccessTokenCredential"/> class with a fixed token.</summary>
    /// <param name="token">An AccessToken starting "006". Whitespace around it is trimmed; whitespace or a control character inside it is refused.</param>
    /// <param name="userId">The user the token was built for, sent as <c>x-agora-uid</c>.</param>
    /// <exception cref="ArgumentException">The token is not an AccessToken, or was not built for <paramref name="userId"/>.</exception>
    public LegacyAccessTokenCredential(string token, string userId)
    {
        SignalingValidation.MessagingPathId(userId, nameof(userId));
        UserId = userId;
        _fixed = CachedToken.FromArgument(token, SignalingTokenVersion.AccessToken, nameof(token));

        if (!_fixed.Parsed.IsBuiltFor(userId))
        {
            throw new ArgumentException("The token was not built for this user ID (its user checksum differs).", nameof(userId));
        }
    }

    /// <summary>Initializes a new instance of the <see cref="LegacyAccessTokenCredential"/> class that asks a provider for tokens.</summary>
    /// <param name="tokenProvider">
    /// Returns a current AccessToken for <paramref name="userId"/>; asked on first use and again before expiry. Whitespace
    /// around the token is trimmed; whitespace or a control character inside it fails the call before anything is sent.
    /// </param>
    /// <param name="userId">The user the tokens are built for, sent as <c>x-agora-uid</c>.</param>
    /// <param name="refreshMargin">How long before expiry to ask again; 5 minutes when <see langword="null"/>.</param>
    public LegacyAccessTokenCredential(Func<CancellationToken, ValueTask<string>> tokenProvider, string userId, TimeSpan? refreshMargin = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        SignalingValidation.MessagingPathId(userId, nameof(userId));
        UserId = userId;
        _cache = new TokenCache(tokenProvider, SignalingTokenVersion.AccessToken, refreshMargin ?? TimeSpan.FromMinutes(5));
    }

    /// <summary>Gets the user the token was built for.</summary>
    public string UserId { get; }

    /// <inheritdoc />
    public override string? RestrictedToUserId => UserId;

    /// <inheritdoc />
    public override string ToString() => $"LegacyAccessTokenCredential {{ UserId = {UserId}, Token = *** }}";

    internal override async ValueTask ApplyAsync(HttpRequestMessage request, string? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = _fixed ?? await _cache!.GetAsync(time, cancellationToken).ConfigureAwait(false);
        token.ThrowIfExpired(time);
        if (_fixed is null && !token.Parsed.IsBuiltFor(UserId))
        {
            throw new CredentialFailure($"The token provider gave an AccessToken that was not built for '{UserId}'.");
        }

        CheckSender(UserId, userId, request);
        AuthenticationHeader.Replace(request, "x-agora-token", token.Token);
        AuthenticationHeader.Replace(request, "x-agora-uid", UserId);
    }
}
