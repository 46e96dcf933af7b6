namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="HistoryMessage"/>.</summary>
internal sealed record HistoryMessageOutput(string? Publisher, string? MessageType, string? Message, string? CustomType, long? Timestamp)
{
    public static HistoryMessageOutput From(HistoryMessage message) =>
        new(message.Publisher, message.MessageType, message.Message, message.CustomType, message.Timestamp);
}
