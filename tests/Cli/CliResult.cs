using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary>What one in-process run of the tool produced.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Parses stdout as the single JSON object a --json run writes.</summary>
    public JObject Json() => JObject.Parse(Stdout.Trim());

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
