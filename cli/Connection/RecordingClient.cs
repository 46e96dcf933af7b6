using System.Runtime.CompilerServices;

namespace Agora.Signaling.Cli.Connection;

/// <summary>
/// Passes every call on to a client and remembers what the service answered: whether it answered anything, so that an
/// error after that is never reported as "nothing was sent", and the answer to the last event pull. The SDK's event pump
/// hands over only the events of each pull; it yields a batch as soon as its pull completes and pulls nothing more until
/// asked, so when a batch arrives the last pull recorded here is the one that brought it, and its request ID can be shown.
/// </summary>
internal sealed class RecordingClient(ISignalingClient inner) : ISignalingClient
{
    private int _pulls;
    private int _answers;

    public string AppId => inner.AppId;

    /// <summary>Gets the <c>result</c> of the last completed pull.</summary>
    public string? LastResult { get; private set; }

    /// <summary>Gets the request ID of the last completed pull.</summary>
    public string? LastRequestId { get; private set; }

    /// <summary>Gets how many pulls completed.</summary>
    public int Pulls => Volatile.Read(ref _pulls);

    /// <summary>Gets whether any call was answered: from then on the service has acted (a pull deletes what it brings).</summary>
    public bool Answered => Volatile.Read(ref _answers) > 0;

    public async Task<UserEventsResponse> GetUserEventsAsync(CancellationToken cancellationToken = default)
    {
        var response = await Answer(inner.GetUserEventsAsync(cancellationToken)).ConfigureAwait(false);
        RecordPull(response.Result, response.RequestId);
        return response;
    }

    public async Task<ChannelEventsResponse> GetChannelEventsAsync(CancellationToken cancellationToken = default)
    {
        var response = await Answer(inner.GetChannelEventsAsync(cancellationToken)).ConfigureAwait(false);
        RecordPull(response.Result, response.RequestId);
        return response;
    }

    public Task<SendMessageResponse> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, PeerMessageOptions? options = null, CancellationToken cancellationToken = default) =>
        Answer(inner.SendPeerMessageAsync(fromUserId, toUserId, payload, options, cancellationToken));

    public Task<SendMessageResponse> SendChannelMessageAsync(string fromUserId, string channelName, string payload, ChannelMessageOptions? options = null, CancellationToken cancellationToken = default) =>
        Answer(inner.SendChannelMessageAsync(fromUserId, channelName, payload, options, cancellationToken));

    public Task<PublishResponse> PublishAsync(string fromUserId, PublishChannelType channelType, string channelName, string message, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        Answer(inner.PublishAsync(fromUserId, channelType, channelName, message, options, cancellationToken));

    public Task<PublishResponse> PublishAsync<TMessage>(string fromUserId, PublishChannelType channelType, string channelName, TMessage message, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        Answer(inner.PublishAsync(fromUserId, channelType, channelName, message, options, cancellationToken));

    public Task<MessageHistoryResponse> GetMessageHistoryAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default) =>
        Answer(inner.GetMessageHistoryAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken));

    public IAsyncEnumerable<MessageHistoryPage> GetMessageHistoryPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default) =>
        AnswerEach(inner.GetMessageHistoryPagesAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken), cancellationToken);

    public Task<HistoryQueryCreatedResponse> CreateHistoryQueryAsync(LegacyHistoryQuery query, CancellationToken cancellationToken = default) =>
        Answer(inner.CreateHistoryQueryAsync(query, cancellationToken));

    public Task<HistoryQueryResultResponse> GetHistoryQueryResultAsync(string handle, CancellationToken cancellationToken = default) =>
        Answer(inner.GetHistoryQueryResultAsync(handle, cancellationToken));

    public Task<HistoryCountResponse> GetHistoryCountAsync(LegacyHistoryQuery filter, CancellationToken cancellationToken = default) =>
        Answer(inner.GetHistoryCountAsync(filter, cancellationToken));

    private async Task<T> Answer<T>(Task<T> call)
    {
        var response = await call.ConfigureAwait(false);
        Interlocked.Increment(ref _answers);
        return response;
    }

    private async IAsyncEnumerable<T> AnswerEach<T>(IAsyncEnumerable<T> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var page in pages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _answers);
            yield return page;
        }
    }

    private void RecordPull(string? result, string? requestId)
    {
        LastResult = result;
        LastRequestId = requestId;
        Interlocked.Increment(ref _pulls);
    }
}
