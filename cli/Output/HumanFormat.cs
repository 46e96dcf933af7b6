using System.Globalization;

namespace Agora.Signaling.Cli.Output;

/// <summary>The short readable lines of the human output.</summary>
internal static class HumanFormat
{
    public static string Time(long? epochMilliseconds) => epochMilliseconds is long ms
        ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : "(no time)";

    public static string Send(string what, SendMessageResponse response) =>
        $"{what}: {response.Status.ToString().ToLowerInvariant()} (code {Show(response.Code)}, request ID {Show(response.RequestId)}).";

    public static string Event(UserEvent item) =>
        $"{Time(item.Ms)}  {Show(item.Type),-7} user {Show(item.UserId)}";

    public static string Event(ChannelEvent item) =>
        $"{Time(item.Ms)}  {Show(item.Type),-7} user {Show(item.UserId)} in channel {Show(item.GroupId)}";

    public static string Message(HistoryMessage message)
    {
        string kind = message.Kind == HistoryMessageKind.String ? string.Empty : $" [{Show(message.MessageType)}]";
        string custom = string.IsNullOrEmpty(message.CustomType) ? string.Empty : $" ({message.CustomType})";
        return $"{Time(message.Timestamp)}  {Show(message.Publisher)}{custom}{kind}: {message.Message}";
    }

    public static string Message(LegacyHistoryMessage message) =>
        $"{Time(message.Ms)}  {Show(message.MessageType)} {Show(message.Src)} -> {Show(message.Dst)}: {message.Payload}";

    /// <summary>"1 user event", "2 user events".</summary>
    public static string Count(long count, string singular) =>
        count == 1 ? $"1 {singular}" : $"{count.ToString(CultureInfo.InvariantCulture)} {singular}s";

    public static string Show(string? value) => string.IsNullOrEmpty(value) ? "-" : value;
}
