using System.Text.RegularExpressions;

namespace Agora.Signaling;

/// <summary>
/// Masks credentials out of any text from the wire before it reaches an exception or a log: a service or a proxy that
/// echoes a request back must not make the SDK repeat one. It masks the secrets the client holds (a customer secret,
/// Basic's encoded header, an app certificate) and anything shaped like an Agora token, which covers every token the
/// client sent, minted or provided, without remembering each.
/// </summary>
internal sealed partial class SecretMask
{
    /// <summary>What a masked credential reads as.</summary>
    public const string Masked = "***";

    // Shorter values would mask ordinary words; every real secret is far longer.
    private const int MinimumLength = 8;

    private string[] _secrets = [];

    /// <summary>Adds a secret the credential holds; called when the credential is made, never per request.</summary>
    public void Remember(string? secret)
    {
        if (secret is { Length: >= MinimumLength })
        {
            _secrets = [.. _secrets, secret];
        }
    }

    /// <summary>Returns <paramref name="text"/> with every held secret and every token replaced by <see cref="Masked"/>.</summary>
    public string? Apply(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string secret in _secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Masked, StringComparison.Ordinal);
            }
        }

        return text.Contains("00", StringComparison.Ordinal) ? Token().Replace(text, Masked) : text;
    }

    // 006 and 007 tokens are 100 characters and more of Base64 (006 with its app ID in hex); request IDs never are.
    [GeneratedRegex("00[67][0-9A-Za-z+/]{97,}={0,2}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Token();
}
