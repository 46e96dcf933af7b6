using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli;

/// <summary>What one run of the tool works with, passed to every command instead of reaching for Console or globals.</summary>
internal sealed record CliContext(
    GlobalOptions Globals,
    IReadOnlyDictionary<string, string?> Environment,
    TextWriter Stdout,
    TextWriter Stderr);
