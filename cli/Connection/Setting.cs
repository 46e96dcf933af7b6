using System.CommandLine;

namespace Agora.Signaling.Cli.Connection;

/// <summary>A setting's value and where it came from, so that messages name what the user actually gave.</summary>
/// <param name="Value">The value, trimmed when it came from the environment.</param>
/// <param name="Source">The option (<c>--token</c>) or environment variable (<c>AGORA_TOKEN</c>) it came from.</param>
internal sealed record Setting(string Value, string Source)
{
    /// <summary>Reads an option, or its environment variable when the option is not on the command line.</summary>
    /// <returns>The setting, or <see langword="null"/> when neither gives it (blank variables count as not set).</returns>
    public static Setting? Read(ParseResult parse, Option<string?> option, IReadOnlyDictionary<string, string?> environment, string variable)
    {
        // An option given on the command line wins even when empty, so that an empty value is reported rather than replaced.
        if (parse.GetResult(option) is { Implicit: false })
        {
            return new Setting(parse.GetValue(option) ?? string.Empty, option.Name);
        }

        return environment.TryGetValue(variable, out string? value) && !string.IsNullOrWhiteSpace(value) ? new Setting(value.Trim(), variable) : null;
    }
}
