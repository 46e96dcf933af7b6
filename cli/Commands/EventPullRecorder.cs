namespace Agora.Signaling.Cli.Commands;

/// <summary>
/// Passes every call on to a client and remembers the answer to the last event pull. The SDK's event pump hands
/// over only the events of each pull; it yields a batch as soon as its pull completes and pulls nothing more until
/// asked, so when a batch arrives the last pull recorded here is the one that brought it, and its request ID can be shown.
/// </summary>
internal sealed class EventPullRecorder(ISignalingClient inner) : ISignalingClient
{
    private int _pulls;

    public string AppId => inner.AppId;

    /// <summary>Gets the <c>result</c> of the last completed pull.</summary>
    public string? LastResult { get; private set; }

    /// <summary>Gets the request ID of the last completed pull.</summary>
    public string? LastRequestId { get; private set; }

    /// <summary>Gets how many pulls completed.</summary>
    public int Pulls => Volatile.Read(ref _pulls);

    public async Task<UserEventsResponse> GetUserEventsAsync(CancellationToken cancellationToken = default)
    {
        var response = await inner.GetUserEventsAsync(cancellationToken).ConfigureAwait(false);
        Record(response.Result, response.RequestId);
        return response;
    }

    public async Task<ChannelEventsResponse> GetChannelEventsAsync(CancellationToken cancellationToken = default)
    {
        var response = await inner.GetChannelEventsAsync(cancellationToken).ConfigureAwait(false);
        Record(response.Result, response.RequestId);
        return response;
    }

    public Task<SendMessageResponse> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, PeerMessageOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.SendPeerMessageAsync(fromUserId, toUserId, payload, options, cancellationToken);

    public Task<SendMessageResponse> SendChannelMessageAsync(string fromUserId, string channelName, string payload, ChannelMessageOptions? options = null, CancellationToken cancellationToken = default) =>
        inner.SendChannelMessageAsync(fromUserId, channelName, payload, options, cancellationToken);

    public Task<MessageHistoryResponse> GetMessageHistoryAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default) =>
        inner.GetMessageHistoryAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken);

    public IAsyncEnumerable<MessageHistoryPage> GetMessageHistoryPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default) =>
        inner.GetMessageHistoryPagesAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken);

    public Task<HistoryQueryCreatedResponse> CreateHistoryQueryAsync(LegacyHistoryQuery query, CancellationToken cancellationToken = default) =>
        inner.CreateHistoryQueryAsync(query, cancellationToken);

    public Task<HistoryQueryResultResponse> GetHistoryQueryResultAsync(string handle, CancellationToken cancellationToken = default) =>
        inner.GetHistoryQueryResultAsync(handle, cancellationToken);

    public Task<HistoryCountResponse> GetHistoryCountAsync(LegacyHistoryQuery filter, CancellationToken cancellationToken = default) =>
        inner.GetHistoryCountAsync(filter, cancellationToken);

    private void Record(string? result, string? requestId)
    {
        LastResult = result;
        LastRequestId = requestId;
        Interlocked.Increment(ref _pulls);
    }
}
