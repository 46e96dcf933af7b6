using WireMock;

namespace Agora.Signaling.Testing;

// The emulator checks credentials as the service would: Basic against the configured customer,
// tokens parsed and verified against the app certificate, for this app, unexpired, and (for
// messages) sent only as the token's user.
public sealed partial class SignalingEmulator
{
    private const string TokenScheme = "agora token=";

    /// <summary>Returns why the request is refused, or <see langword="null"/> when its credential is good.</summary>
    private string? Authenticate(IRequestMessage request, string? sender)
    {
        string? authorization = Header(request, "Authorization");
        string? legacyToken = Header(request, "x-agora-token");

        if (authorization is not null && authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            return string.Equals(authorization, _expectedAuthorization, StringComparison.Ordinal) ? null : "Authentication failed: wrong customer ID or secret";
        }

        if (authorization is not null && authorization.StartsWith(TokenScheme, StringComparison.Ordinal))
        {
            return CheckToken(authorization[TokenScheme.Length..], SignalingTokenVersion.AccessToken2, null, sender);
        }

        if (legacyToken is not null)
        {
            string? uid = Header(request, "x-agora-uid");
            return uid is null ? "Authentication failed: x-agora-uid is missing" : CheckToken(legacyToken, SignalingTokenVersion.AccessToken, uid, sender);
        }

        return "Authentication failed: no credential";
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
