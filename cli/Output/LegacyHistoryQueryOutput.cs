namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a finished query of the RTM-era history API.</summary>
internal sealed record LegacyHistoryQueryOutput(string? Handle, string? Code, IReadOnlyList<LegacyHistoryMessageOutput> Messages);
