namespace Agora.Signaling.Cli.Output;

/// <summary>
/// The JSON form of a history read: one page, or with <c>--all</c> every page joined. Each page is a request of its
/// own: <c>requestIds</c> lists them in order, and <c>requestId</c> is the last (for one page, its only one);
/// <c>newStart</c> is 0 after <c>--all</c>.
/// </summary>
internal sealed record HistoryOutput(string? RequestId, IReadOnlyList<string?> RequestIds, IReadOnlyList<HistoryMessageOutput> Messages, int Count, long NewStart, int Pages)
{
    public static HistoryOutput From(MessageHistoryResponse response)
    {
        var messages = (response.Data?.MessageList ?? []).Select(HistoryMessageOutput.From).ToList();
        return new(response.RequestId, [response.RequestId], messages, messages.Count, response.Data?.NewStart ?? 0, 1);
    }
}
