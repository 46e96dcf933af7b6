namespace Agora.Signaling.Cli.Output;

/// <summary>
/// The JSON form of a history read: one page, or with <c>--all</c> every page joined
/// (then <c>requestId</c> is null, since the pages each had their own, and <c>newStart</c> is 0).
/// </summary>
internal sealed record HistoryOutput(string? RequestId, IReadOnlyList<HistoryMessageOutput> Messages, int Count, long NewStart, int Pages)
{
    public static HistoryOutput From(MessageHistoryResponse response)
    {
        var messages = (response.Data?.MessageList ?? []).Select(HistoryMessageOutput.From).ToList();
        return new(response.RequestId, messages, messages.Count, response.Data?.NewStart ?? 0, 1);
    }
}
