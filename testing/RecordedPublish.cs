namespace Agora.Signaling.Testing;

/// <summary>A Signaling 2.x publish the emulator received, exactly as it came over the wire.</summary>
/// <param name="Publisher">The publishing user, decoded from the URL path.</param>
/// <param name="ChannelType">Whether it went to a message channel or a user channel.</param>
/// <param name="ChannelName">The channel name; for a user channel, the receiving user ID.</param>
/// <param name="Message">The request body, the message itself, as sent.</param>
/// <param name="StoreInHistory">Whether the message was to be kept in history.</param>
/// <param name="CustomType">The custom type the request named, or <see langword="null"/>.</param>
/// <param name="RequestId">The request ID the emulator answered with.</param>
/// <param name="ReceivedAt">When the emulator received it, in Unix epoch milliseconds.</param>
public sealed record RecordedPublish(
    string Publisher,
    PublishChannelType ChannelType,
    string ChannelName,
    string Message,
    bool StoreInHistory,
    string? CustomType,
    string RequestId,
    long ReceivedAt);
