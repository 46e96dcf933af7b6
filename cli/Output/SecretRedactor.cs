namespace Agora.Signaling.Cli.Output;

/// <summary>
/// Knows the secrets of one run, so that <see cref="RedactingTextWriter"/> can mask them in anything written,
/// including text the tool does not control, such as parse errors that echo a mistyped token.
/// </summary>
internal sealed class SecretRedactor
{
    public const string Mask = "***";

    private readonly object _gate = new();
    private readonly List<string> _secrets = [];

    /// <summary>Values shorter than this are not masked: no credential is that short, and masking every "e" or "0"
    /// in the output would garble it while the pattern of masks spelled the value out anyway.</summary>
    public const int MinLength = 8;

    public void Add(string? secret)
    {
        if (secret is null || secret.Length < MinLength)
        {
            return;
        }

        lock (_gate)
        {
            if (!_secrets.Contains(secret, StringComparer.Ordinal))
            {
                _secrets.Add(secret);

                // Longest first, so a secret that contains another is masked whole.
                _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
            }
        }
    }

    /// <summary>Collects the values that follow an option in raw arguments, before the parser has seen them.</summary>
    public void AddOptionValues(IReadOnlyList<string> args, string optionName)
    {
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (arg == optionName && i + 1 < args.Count)
            {
                Add(args[i + 1]);
            }
            else if (arg.Length > optionName.Length + 1 && arg.StartsWith(optionName, StringComparison.Ordinal) && arg[optionName.Length] is '=' or ':')
            {
                Add(arg[(optionName.Length + 1)..]);
            }
        }
    }

    /// <summary>
    /// Collects what the parser could not place, which its error echoes: the value after a misspelled option
    /// (<c>--customer-secert S</c>, <c>--customer-secert=S</c>) and a stray value (a secret given without its option).
    /// </summary>
    /// <remarks>
    /// A stray word of lowercase letters and hyphens is left readable: it is a mistyped command, and no credential
    /// this tool takes looks like one (secrets, certificates and IDs are hexadecimal; tokens start with digits).
    /// </remarks>
    public void AddUnmatched(IReadOnlyList<string> unmatched)
    {
        bool afterOption = false;
        foreach (string token in unmatched)
        {
            if (token.StartsWith('-'))
            {
                int valueAt = token.IndexOfAny(['=', ':']);
                if (valueAt > 0)
                {
                    Add(token[(valueAt + 1)..]);
                }

                afterOption = valueAt < 0;
                continue;
            }

            if (afterOption || !token.All(c => c is (>= 'a' and <= 'z') or '-'))
            {
                Add(token);
            }

            afterOption = false;
        }
    }

    public string Redact(string text)
    {
        lock (_gate)
        {
            foreach (string secret in _secrets)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }
}
