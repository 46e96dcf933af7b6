using System.CommandLine;

namespace Agora.Signaling.Cli;

/// <summary>What one run of the tool works with, passed to every command instead of reaching for Console or globals.</summary>
internal sealed record CliContext(
    GlobalOptions Globals,
    IReadOnlyDictionary<string, string?> Environment,
    TextWriter Stdout,
    TextWriter Stderr)
{
    /// <summary>Gets the arguments whose values are secrets (such as a token to inspect), registered by the commands that declare them.</summary>
    public List<Argument<string>> SecretArguments { get; } = [];

    /// <summary>Gets the standard input, which <c>emulator --until-stdin-closes</c> waits on.</summary>
    public TextReader Stdin { get; init; } = TextReader.Null;

    /// <summary>Gets stdout without secrets masked, for the emulator's own test credentials alone.</summary>
    public TextWriter? UnmaskedStdout { get; init; }
}
