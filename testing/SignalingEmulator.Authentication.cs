using WireMock;

namespace Agora.Signaling.Testing;

// The emulator checks credentials as the service would: Basic against the configured customer,
// tokens parsed and verified against the app certificate, for this app, unexpired, and (for
// messages) sent only as the token's user.
public sealed partial class SignalingEmulator
{
    /// <summary>Returns why the request is refused, or <see langword="null"/> when its credential is good.</summary>
    /// <param name="request">The request.</param>
    /// <param name="sender">The user a message is sent as, which a token must name; <see langword="null"/> for other requests.</param>
    /// <param name="legacyTokenAllowed">Whether the operation lists the legacy <c>x-agora-token</c>; the 2.x API does not.</param>
    private string? Authenticate(IRequestMessage request, string? sender, bool legacyTokenAllowed)
    {
        string? authorization = Header(request, "Authorization");
        string? legacyToken = Header(request, "x-agora-token");

        // Auth schemes and auth-param names are case-insensitive (RFC 9110 §11.1); Agora's Python sample sends "basic".
        if (AuthorizationScheme(authorization, out string credentials) is { } scheme)
        {
            if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
            {
                return string.Equals(credentials, _expectedBasicCredentials, StringComparison.Ordinal) ? null : "Authentication failed: wrong customer ID or secret";
            }

            if (scheme.Equals("agora", StringComparison.OrdinalIgnoreCase) && AgoraTokenParameter(credentials) is { } token)
            {
                return CheckToken(token, SignalingTokenVersion.AccessToken2, null, sender);
            }
        }

        if (legacyToken is not null)
        {
            if (!legacyTokenAllowed)
            {
                return "Authentication failed: the 2.x API accepts Basic or an AccessToken2 (Authorization: agora token=...), not x-agora-token";
            }

            string? uid = Header(request, "x-agora-uid");
            return uid is null ? "Authentication failed: x-agora-uid is missing" : CheckToken(legacyToken, SignalingTokenVersion.AccessToken, uid, sender);
        }

        return "Authentication failed: no credential";
    }

    // "scheme credentials": the scheme, and what follows the spaces after it.
    private static string? AuthorizationScheme(string? authorization, out string credentials)
    {
        credentials = string.Empty;
        string value = authorization?.Trim() ?? string.Empty;
        int space = value.IndexOf(' ');
        if (space <= 0)
        {
            return null;
        }

        credentials = value[(space + 1)..].TrimStart(' ');
        return value[..space];
    }

    // The agora scheme's one auth-param, token=<value>: its name in any case, optional whitespace around "=" (BWS) and
    // an optional quoted-string form.
    private static string? AgoraTokenParameter(string credentials)
    {
        int equals = credentials.IndexOf('=');
        if (equals < 0 || !credentials[..equals].TrimEnd(' ', '\t').Equals("token", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string value = credentials[(equals + 1)..].TrimStart(' ', '\t');
        return value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;
    }

    private string? CheckToken(string text, SignalingTokenVersion version, string? uid, string? sender)
    {
        if (!SignalingToken.TryParse(text, out var token) || token.Version != version)
        {
            return "Authentication failed: the token is malformed";
        }

        if (!string.Equals(token.AppId, AppId, StringComparison.Ordinal))
        {
            return "Authentication failed: the token is for another app ID";
        }

        if (!token.VerifySignature(AppCertificate, uid))
        {
            return "Authentication failed: the token signature is invalid";
        }

        if (token.ExpiresAt is { } expiresAt && expiresAt < _time.GetUtcNow())
        {
            return "Authentication failed: the token has expired";
        }

        string? tokenUser = uid ?? token.UserId;
        if (tokenUser is null)
        {
            return "Authentication failed: the token grants no Signaling service";
        }

        return sender is not null && !string.Equals(sender, tokenUser, StringComparison.Ordinal)
            ? "Authentication failed: with a token, messages can only be sent as the token's user"
            : null;
    }

    private static string? Header(IRequestMessage request, string name)
    {
        if (request.Headers is null)
        {
            return null;
        }

        foreach (var (key, values) in request.Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Count > 0)
            {
                return values[0];
            }
        }

        return null;
    }
}
