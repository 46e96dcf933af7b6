using System.Diagnostics;

namespace Agora.Signaling;

/// <summary>
/// AccessToken2 authentication: <c>Authorization: agora token=&lt;007…&gt;</c>. With a token, messages can be
/// sent only as the user it was built for (the user of its RTM service, or else of its RTM2 service); the client
/// refuses any other sender before sending.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class AccessToken2Credential : SignalingCredential
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly CachedToken? _fixed;

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly TokenCache? _cache;

    /// <summary>Initializes a new instance of the <see cref="AccessToken2Credential"/> class with a fixed token.</summary>
    /// <param name="token">An AccessToken2 with a Signaling (RTM or RTM2) service, starting "007". Whitespace around it (a token read from a file ends with a newline) is trimmed.</param>
    /// <exception cref="ArgumentException">The token is not such an AccessToken2, or has whitespace or a control character inside it.</exception>
    public AccessToken2Credential(string token)
    {
        _fixed = CachedToken.FromArgument(token, SignalingTokenVersion.AccessToken2, nameof(token));
    }

    /// <summary>Initializes a new instance of the <see cref="AccessToken2Credential"/> class that asks a provider for tokens.</summary>
    /// <param name="tokenProvider">
    /// Returns a current AccessToken2; asked on first use and again <paramref name="refreshMargin"/> before the token expires.
    /// Whitespace around the token is trimmed; a token with whitespace or a control character inside it fails the call with
    /// <see cref="SignalingCredentialException"/> before anything is sent. A cancelled call ends at once, even if the provider
    /// ignores its token; the provider is not asked again until that call of it ends.
    /// </param>
    /// <param name="refreshMargin">How long before expiry to ask again; 5 minutes when <see langword="null"/>.</param>
    public AccessToken2Credential(Func<CancellationToken, ValueTask<string>> tokenProvider, TimeSpan? refreshMargin = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _cache = new TokenCache(tokenProvider, SignalingTokenVersion.AccessToken2, refreshMargin ?? TimeSpan.FromMinutes(5));
    }

    /// <inheritdoc />
    public override string? RestrictedToUserId => _fixed?.Parsed.UserId;

    /// <inheritdoc />
    public override string ToString() => _fixed is null
        ? "AccessToken2Credential { Token = from provider }"
        : $"AccessToken2Credential {{ UserId = {PrintableText.Escape(_fixed.Parsed.UserId!)}, ExpiresAt = {_fixed.Parsed.ExpiresAt:u}, Token = *** }}";

    internal override async ValueTask ApplyAsync(HttpRequestMessage request, string? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        var token = _fixed ?? await _cache!.GetAsync(time, cancellationToken).ConfigureAwait(false);
        token.ThrowIfExpired(time);
        CheckSender(token.Parsed.UserId!, userId, request);
        AuthenticationHeader.Replace(request, "Authorization", "agora token=" + token.Token);
    }
}
