namespace Agora.Signaling.Tests.Testing;

/// <summary>
/// The kind of hand-written fake a consumer writes to test code that depends on <see cref="ISignalingClient"/>:
/// it answers with models from <see cref="SignalingModelFactory"/> and records what it was asked.
/// </summary>
internal sealed class FakeSignalingClient : ISignalingClient
{
    private readonly Queue<UserEventsResponse> _userEventPulls = new();

    public string AppId => "fake-app";

    public SendMessageResponse SendAnswer { get; set; } = SignalingModelFactory.SendMessageResponse();

    public ChannelEventsResponse ChannelEventsAnswer { get; set; } = SignalingModelFactory.ChannelEventsResponse([]);

    public MessageHistoryResponse HistoryAnswer { get; set; } = SignalingModelFactory.MessageHistoryResponse([]);

    public List<(string From, string To, string Payload)> Sent { get; } = [];

    public void QueueUserEvents(UserEventsResponse response) => _userEventPulls.Enqueue(response);

    public Task<SendMessageResponse> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, PeerMessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        Sent.Add((fromUserId, toUserId, payload));
        return Task.FromResult(SendAnswer);
    }

    public Task<SendMessageResponse> SendChannelMessageAsync(string fromUserId, string channelName, string payload, ChannelMessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        Sent.Add((fromUserId, channelName, payload));
        return Task.FromResult(SendAnswer);
    }

    public List<(string From, PublishChannelType Type, string Channel, string Message)> Published { get; } = [];

    public Task<PublishResponse> PublishAsync(string fromUserId, PublishChannelType channelType, string channelName, string message, PublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        Published.Add((fromUserId, channelType, channelName, message));
        return Task.FromResult(SignalingModelFactory.PublishResponse());
    }

    public Task<PublishResponse> PublishAsync<TMessage>(string fromUserId, PublishChannelType channelType, string channelName, TMessage message, PublishOptions? options = null, CancellationToken cancellationToken = default) =>
        PublishAsync(fromUserId, channelType, channelName, Newtonsoft.Json.JsonConvert.SerializeObject(message), options, cancellationToken);

    // Like the service, an exhausted store answers with an empty list.
    public Task<UserEventsResponse> GetUserEventsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_userEventPulls.TryDequeue(out var next) ? next : SignalingModelFactory.UserEventsResponse([]));

    public Task<ChannelEventsResponse> GetChannelEventsAsync(CancellationToken cancellationToken = default) => Task.FromResult(ChannelEventsAnswer);

    public Task<MessageHistoryResponse> GetMessageHistoryAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default) =>
        Task.FromResult(HistoryAnswer);

    public async IAsyncEnumerable<MessageHistoryPage> GetMessageHistoryPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        yield return HistoryAnswer.Data!;
    }

    public Task<HistoryQueryCreatedResponse> CreateHistoryQueryAsync(LegacyHistoryQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<HistoryQueryResultResponse> GetHistoryQueryResultAsync(string handle, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<HistoryCountResponse> GetHistoryCountAsync(LegacyHistoryQuery filter, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
