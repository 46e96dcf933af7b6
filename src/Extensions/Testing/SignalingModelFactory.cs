namespace Agora.Signaling;

/// <summary>
/// Builds the SDK's response models as the service would send them, for tests that replace
/// <see cref="ISignalingClient"/> with a fake or a mock.
/// </summary>
public static class SignalingModelFactory
{
    /// <summary>Builds the answer to a peer or channel message.</summary>
    /// <param name="requestId">The request ID, or <see langword="null"/> for a new random one.</param>
    /// <param name="code">The delivery code, read by <see cref="Signaling.SendMessageResponse.Status"/>; <c>message_sent</c> unless set.</param>
    /// <param name="result">The result; <c>success</c> unless set.</param>
    /// <returns>The answer.</returns>
    public static SendMessageResponse SendMessageResponse(string? requestId = null, string? code = "message_sent", string? result = "success") => new()
    {
        RequestId = requestId ?? NewRequestId(),
        Code = code,
        Result = result,
    };

    /// <summary>Builds a user login or logout event.</summary>
    /// <param name="userId">The user concerned.</param>
    /// <param name="type">The event type as the service sends it, such as <c>Login</c>; read by <see cref="Signaling.UserEvent.Kind"/>.</param>
    /// <param name="ms">When it happened, in Unix epoch milliseconds.</param>
    /// <returns>The event.</returns>
    public static UserEvent UserEvent(string userId, string type, long ms) => new()
    {
        UserId = userId,
        Type = type,
        Ms = ms,
    };

    /// <summary>Builds the answer to a pull of user events.</summary>
    /// <param name="events">The events, in the order the service would return them.</param>
    /// <param name="requestId">The request ID, or <see langword="null"/> for a new random one.</param>
    /// <returns>The answer, with result <c>success</c>.</returns>
    public static UserEventsResponse UserEventsResponse(IEnumerable<UserEvent> events, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new UserEventsResponse
        {
            Result = "success",
            RequestId = requestId ?? NewRequestId(),
            Events = events.ToList(),
        };
    }

    /// <summary>Builds a channel join or leave event.</summary>
    /// <param name="channelName">The channel concerned, stored in <see cref="Signaling.ChannelEvent.GroupId"/>.</param>
    /// <param name="userId">The user concerned.</param>
    /// <param name="type">The event type as the service sends it, such as <c>Join</c>; read by <see cref="Signaling.ChannelEvent.Kind"/>.</param>
    /// <param name="ms">When it happened, in Unix epoch milliseconds.</param>
    /// <returns>The event.</returns>
    public static ChannelEvent ChannelEvent(string channelName, string userId, string type, long ms) => new()
    {
        GroupId = channelName,
        UserId = userId,
        Type = type,
        Ms = ms,
    };

    /// <summary>Builds the answer to a pull of channel events.</summary>
    /// <param name="events">The events, in the order the service would return them.</param>
    /// <param name="requestId">The request ID, or <see langword="null"/> for a new random one.</param>
    /// <returns>The answer, with result <c>success</c>.</returns>
    public static ChannelEventsResponse ChannelEventsResponse(IEnumerable<ChannelEvent> events, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new ChannelEventsResponse
        {
            Result = "success",
            RequestId = requestId ?? NewRequestId(),
            Events = events.ToList(),
        };
    }

    /// <summary>Builds a stored message of the history API.</summary>
    /// <param name="publisher">The user who sent it.</param>
    /// <param name="message">The content: text, or base64 for a binary message.</param>
    /// <param name="timestamp">When it was sent, in Unix epoch milliseconds.</param>
    /// <param name="messageType">The type as the service sends it, <c>string</c> or <c>binary</c>; read by <see cref="Signaling.HistoryMessage.Kind"/>.</param>
    /// <param name="customType">The sender's custom type, or <see langword="null"/> for none.</param>
    /// <returns>The message.</returns>
    public static HistoryMessage HistoryMessage(string publisher, string message, long timestamp, string messageType = "string", string? customType = null) => new()
    {
        Publisher = publisher,
        Message = message,
        Timestamp = timestamp,
        MessageType = messageType,
        CustomType = customType,
    };

    /// <summary>Builds a successful answer of the history API holding one page.</summary>
    /// <param name="messages">The page's messages, newest first.</param>
    /// <param name="newStart">The <c>start</c> of the next page; 0 when this is the last page.</param>
    /// <param name="requestId">The request ID, or <see langword="null"/> for a new random one.</param>
    /// <returns>The answer, with <c>error: false</c> and <c>count</c> set to the number of messages.</returns>
    public static MessageHistoryResponse MessageHistoryResponse(IEnumerable<HistoryMessage> messages, long newStart = 0, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.ToList();
        return new MessageHistoryResponse
        {
            Error = false,
            ErrorCode = 0,
            RequestId = requestId ?? NewRequestId(),
            Data = new MessageHistoryPage
            {
                MessageList = list,
                Count = list.Count,
                NewStart = newStart,
            },
        };
    }

    /// <summary>Creates the answer to a successful 2.x publish, as the service sends it.</summary>
    /// <param name="requestId">The request ID, or <see langword="null"/> for a new random one.</param>
    /// <param name="timestamp">The request time in Unix epoch milliseconds.</param>
    /// <returns>The answer, with <c>errorCode: 200</c> and <c>error: false</c>.</returns>
    public static PublishResponse PublishResponse(string? requestId = null, long timestamp = 0) => new()
    {
        ErrorCode = 200,
        Error = false,
        RequestId = requestId ?? NewRequestId(),
        Operation = "publish",
        Reason = string.Empty,
        Timestamp = timestamp,
    };

    private static string NewRequestId() => Guid.NewGuid().ToString("N");
}
