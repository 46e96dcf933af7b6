namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="HistoryCountResponse"/>.</summary>
internal sealed record LegacyHistoryCountOutput(string? Code, long? Count)
{
    public static LegacyHistoryCountOutput From(HistoryCountResponse response) => new(response.Code, response.Count);
}
