using System.Globalization;

namespace Agora.Signaling.Cli.Output;

/// <summary>The short readable lines of the human output; everything in them that came from the service goes through <see cref="PrintableText"/>.</summary>
internal static class HumanFormat
{
    private static readonly long MinMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>A time as a UTC date, or as the Unix milliseconds the service sent when no date can show it.</summary>
    public static string Time(long? epochMilliseconds) => epochMilliseconds switch
    {
        null => "(no time)",
        long ms when ms >= MinMilliseconds && ms <= MaxMilliseconds =>
            DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        long ms => $"{ms.ToString(CultureInfo.InvariantCulture)} ms",
    };

    public static string Send(string what, SendMessageResponse response) =>
        $"{what}: {response.Status.ToString().ToLowerInvariant()} (code {Show(response.Code)}, request ID {Show(response.RequestId)}).";

    public static string Event(UserEvent item) =>
        $"{Time(item.Ms)}  {Show(item.Type),-7} user {Show(item.UserId)}";

    public static string Event(ChannelEvent item) =>
        $"{Time(item.Ms)}  {Show(item.Type),-7} user {Show(item.UserId)} in channel {Show(item.GroupId)}";

    public static string Message(HistoryMessage message)
    {
        string kind = message.Kind == HistoryMessageKind.String ? string.Empty : $" [{Show(message.MessageType)}]";
        string custom = string.IsNullOrEmpty(message.CustomType) ? string.Empty : $" ({Text(message.CustomType)})";
        return $"{Time(message.Timestamp)}  {Show(message.Publisher)}{custom}{kind}: {Text(message.Message)}";
    }

    public static string Message(LegacyHistoryMessage message) =>
        $"{Time(message.Ms)}  {Show(message.MessageType)} {Show(message.Src)} -> {Show(message.Dst)}: {Text(message.Payload)}";

    /// <summary>"1 user event", "2 user events".</summary>
    public static string Count(long count, string singular) =>
        count == 1 ? $"1 {singular}" : $"{count.ToString(CultureInfo.InvariantCulture)} {singular}s";

    /// <summary>A value from the service, "-" when it has none, escaped so that it cannot drive the terminal or forge a line.</summary>
    public static string Show(string? value) => string.IsNullOrEmpty(value) ? "-" : PrintableText.Escape(value);

    /// <summary>A message text from the service, escaped; empty stays empty.</summary>
    private static string Text(string? value) => value is null ? string.Empty : PrintableText.Escape(value);
}
