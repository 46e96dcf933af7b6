namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="LegacyHistoryMessage"/>.</summary>
internal sealed record LegacyHistoryMessageOutput(string? Src, string? Dst, string? MessageType, string? Payload, long? Ms)
{
    public static LegacyHistoryMessageOutput From(LegacyHistoryMessage message) =>
        new(message.Src, message.Dst, message.MessageType, message.Payload, message.Ms);
}
