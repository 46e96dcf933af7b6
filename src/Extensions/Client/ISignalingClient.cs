namespace Agora.Signaling;

/// <summary>
/// Sends peer-to-peer and channel messages, pulls user and channel events and reads message history
/// through the Agora Signaling REST API.
/// </summary>
/// <remarks>Depend on this interface to replace the client with a mock in tests.</remarks>
public interface ISignalingClient
{
    /// <summary>Gets the app ID every request is made for.</summary>
    string AppId { get; }

    /// <summary>Sends a peer-to-peer message from one user to another.</summary>
    /// <param name="fromUserId">The sending user ID; with token authentication, the token's user.</param>
    /// <param name="toUserId">The receiving user ID.</param>
    /// <param name="payload">The message content; not empty, without unpaired UTF-16 surrogates, and at most 32,768 bytes in UTF-8.</param>
    /// <param name="options">Wait-for-ack and storage settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The service's answer; <see cref="SendMessageResponse.Status"/> tells whether the message was sent, delivered or the receiver is offline.</returns>
    /// <exception cref="ArgumentException">An argument breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingException">The call failed otherwise (see its subclasses); a <see cref="SignalingOutcomeUnknownException"/> means the message may have been delivered and was not resent.</exception>
    Task<SendMessageResponse> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, PeerMessageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Sends a message into a channel as a user, who does not need to have joined it.</summary>
    /// <param name="fromUserId">The sending user ID; with token authentication, the token's user.</param>
    /// <param name="channelName">The target channel.</param>
    /// <param name="payload">The message content; not empty, without unpaired UTF-16 surrogates, and at most 32,768 bytes in UTF-8.</param>
    /// <param name="options">Storage settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="ArgumentException">An argument breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingException">The call failed otherwise (see its subclasses); a <see cref="SignalingOutcomeUnknownException"/> means the message may have been delivered and was not resent.</exception>
    Task<SendMessageResponse> SendChannelMessageAsync(string fromUserId, string channelName, string payload, ChannelMessageOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes a message, written as JSON text, to a message channel or a user channel (Signaling 2.x).</summary>
    /// <param name="fromUserId">The publisher; with token authentication, the token's user.</param>
    /// <param name="channelType"><see cref="PublishChannelType.Message"/> for everyone subscribed to the channel, <see cref="PublishChannelType.User"/> for one user.</param>
    /// <param name="channelName">The channel name; for a user channel, the receiving user ID.</param>
    /// <param name="message">The message as JSON text (such as <c>{"text":"Hello"}</c>), sent as the request body unchanged; at most 32,768 bytes in UTF-8.</param>
    /// <param name="options">History and custom-type settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="ArgumentException">An argument breaks a documented rule (the message is not JSON, for one); nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingOutcomeUnknownException">The service may have received the message but its answer was lost or a 5xx; it is not published again.</exception>
    /// <exception cref="SignalingException">The call failed otherwise (see its subclasses); a <see cref="SignalingOutcomeUnknownException"/> means the message may have been delivered and was not resent.</exception>
    Task<PublishResponse> PublishAsync(string fromUserId, PublishChannelType channelType, string channelName, string message, PublishOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Publishes an object, serialised as JSON with Newtonsoft.Json's defaults, to a message channel or a user channel (Signaling 2.x).</summary>
    /// <typeparam name="TMessage">The type of the message.</typeparam>
    /// <param name="fromUserId">The publisher; with token authentication, the token's user.</param>
    /// <param name="channelType"><see cref="PublishChannelType.Message"/> for everyone subscribed to the channel, <see cref="PublishChannelType.User"/> for one user.</param>
    /// <param name="channelName">The channel name; for a user channel, the receiving user ID.</param>
    /// <param name="message">The message; its JSON must be at most 32,768 bytes in UTF-8.</param>
    /// <param name="options">History and custom-type settings, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="ArgumentException">An argument breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingOutcomeUnknownException">The service may have received the message but its answer was lost or a 5xx; it is not published again.</exception>
    /// <exception cref="SignalingException">The call failed otherwise (see its subclasses); a <see cref="SignalingOutcomeUnknownException"/> means the message may have been delivered and was not resent.</exception>
    Task<PublishResponse> PublishAsync<TMessage>(string fromUserId, PublishChannelType channelType, string channelName, TMessage message, PublishOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Pulls user login and logout events. Reading deletes them from the service.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>At most 1,000 events.</returns>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingException">The call failed otherwise (see its subclasses); a <see cref="SignalingOutcomeUnknownException"/> means the pull may have taken (and deleted) events that did not arrive.</exception>
    Task<UserEventsResponse> GetUserEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>Pulls channel join and leave events. Reading deletes them from the service.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>At most 1,000 events.</returns>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingException">The call failed otherwise (see its subclasses); a <see cref="SignalingOutcomeUnknownException"/> means the pull may have taken (and deleted) events that did not arrive.</exception>
    Task<ChannelEventsResponse> GetChannelEventsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads one page of stored messages of a message channel or user channel, newest first.</summary>
    /// <param name="userId">The user performing the query.</param>
    /// <param name="channelType">The kind of channel.</param>
    /// <param name="channelName">The channel name; for a user channel, the user ID.</param>
    /// <param name="start">Return messages older than this epoch-millisecond time; 0 means now.</param>
    /// <param name="end">Return messages no older than this epoch-millisecond time; 0 means no bound.</param>
    /// <param name="messageCount">The most messages to return, from 1 to 100.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The envelope; its <see cref="MessageHistoryResponse.Data"/> holds the page and the next <c>start</c>.</returns>
    /// <exception cref="ArgumentException">An argument breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error, including <c>error: true</c>.</exception>
    /// <exception cref="SignalingException">The call failed otherwise: no answer in time, the service unreachable or the credential refused.</exception>
    Task<MessageHistoryResponse> GetMessageHistoryAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default);

    /// <summary>Reads every page of stored messages, following <c>newStart</c> until the service answers 0.</summary>
    /// <param name="userId">The user performing the query.</param>
    /// <param name="channelType">The kind of channel.</param>
    /// <param name="channelName">The channel name; for a user channel, the user ID.</param>
    /// <param name="start">Begin with messages older than this epoch-millisecond time; 0 means now.</param>
    /// <param name="end">Stop at messages older than this epoch-millisecond time; 0 means no bound.</param>
    /// <param name="messageCount">The most messages per page, from 1 to 100.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The pages, newest first; each is requested only when the previous one has been consumed.</returns>
    /// <exception cref="ArgumentException">An argument breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error, or its paging did not advance.</exception>
    /// <exception cref="SignalingException">The call failed otherwise: no answer in time, the service unreachable or the credential refused.</exception>
    IAsyncEnumerable<MessageHistoryPage> GetMessageHistoryPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default);

    /// <summary>Creates a query of the RTM-era message history API.</summary>
    /// <param name="query">Which messages to select and how to page them.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The created query; its <see cref="HistoryQueryCreatedResponse.Handle"/> reads the result.</returns>
    /// <exception cref="ArgumentException">The query breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingException">The call failed otherwise: no answer in time, the service unreachable or the credential refused.</exception>
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    Task<HistoryQueryCreatedResponse> CreateHistoryQueryAsync(LegacyHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Gets the state and messages of a query of the RTM-era message history API.</summary>
    /// <param name="handle">The handle of the created query.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The state; when <see cref="HistoryQueryResultResponse.IsReady"/> is false, wait 2 seconds and ask again.</returns>
    /// <exception cref="ArgumentException">The handle is empty or malformed; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error; 410 means the query expired.</exception>
    /// <exception cref="SignalingException">The call failed otherwise: no answer in time, the service unreachable or the credential refused.</exception>
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    Task<HistoryQueryResultResponse> GetHistoryQueryResultAsync(string handle, CancellationToken cancellationToken = default);

    /// <summary>Counts the messages matching a filter of the RTM-era message history API.</summary>
    /// <param name="filter">Which messages to count; paging settings are ignored.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The count; when <see cref="HistoryCountResponse.IsReady"/> is false, wait 2 seconds and ask again.</returns>
    /// <exception cref="ArgumentException">The filter breaks a documented rule; nothing was sent.</exception>
    /// <exception cref="SignalingServiceException">The service answered with an error.</exception>
    /// <exception cref="SignalingException">The call failed otherwise: no answer in time, the service unreachable or the credential refused.</exception>
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    Task<HistoryCountResponse> GetHistoryCountAsync(LegacyHistoryQuery filter, CancellationToken cancellationToken = default);
}
