using System.Runtime.CompilerServices;

namespace Agora.Signaling;

// Signaling 2.x message history, read page by page.
public partial class SignalingClient
{
    /// <inheritdoc />
    public virtual Task<MessageHistoryResponse> GetMessageHistoryAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default)
    {
        ValidateHistoryQuery(userId, channelType, channelName, start, end, messageCount);
        return GetMessageHistoryCoreAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<MessageHistoryPage> GetMessageHistoryPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call rather than at the first MoveNextAsync.
        ValidateHistoryQuery(userId, channelType, channelName, start, end, messageCount);
        return ReadPagesAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken);
    }

    private static void ValidateHistoryQuery(string userId, HistoryChannelType channelType, string channelName, long start, long end, int messageCount)
    {
        SignalingValidation.HistoryPathId(userId, nameof(userId));
        if (!Enum.IsDefined(channelType))
        {
            throw new ArgumentOutOfRangeException(nameof(channelType), channelType, "The channel type must be Message or User.");
        }

        SignalingValidation.HistoryPathId(channelName, nameof(channelName));
        SignalingValidation.NonNegative(start, nameof(start));
        SignalingValidation.NonNegative(end, nameof(end));
        SignalingValidation.Range(messageCount, 1, 100, nameof(messageCount));
    }

    private Task<MessageHistoryResponse> GetMessageHistoryCoreAsync(string userId, HistoryChannelType channelType, string channelName, long start, long end, int messageCount, CancellationToken cancellationToken) =>
        CallAsync(
            SignalingOperations.GetMessageHistory,
            (this, userId, channelType, channelName, start, end, messageCount),
            static (s, context, ct) => s.Item1._history.GetMessageHistoryAsync(s.Item1.AppId, s.userId, s.channelType, s.channelName, s.start, s.end, s.messageCount, context, ct),
            static (response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(response, context);
                if (response.Data is { } page)
                {
                    page.MessageList = WireValues.WithoutNulls(page.MessageList);
                }

                return response;
            },
            cancellationToken,
            userId);

    private async IAsyncEnumerable<MessageHistoryPage> ReadPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start, long end, int messageCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next = start;

        // Every start asked for: a cursor that comes back to any of them (1, 2, 1) would page for ever, not only one that stays put.
        var asked = new HashSet<long> { next };
        while (true)
        {
            var response = await GetMessageHistoryCoreAsync(userId, channelType, channelName, next, end, messageCount, cancellationToken).ConfigureAwait(false);
            var page = response.Data ?? new MessageHistoryPage();
            page.MessageList ??= new List<HistoryMessage>();
            page.RequestId = response.RequestId;
            yield return page;

            long newStart = page.NewStart ?? 0;
            if (newStart == 0)
            {
                yield break;
            }

            if (!asked.Add(newStart))
            {
                // No full stop: the exception's message adds one after the reason.
                throw new SignalingServiceException(SignalingOperations.GetMessageHistory.Name, 200, reason: $"The service answered newStart {newStart}, a start already read, so paging would loop for ever", requestId: response.RequestId);
            }

            next = newStart;
        }
    }
}
