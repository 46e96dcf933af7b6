namespace Agora.Signaling.Testing;

/// <summary>A message the emulator received, exactly as it came over the wire.</summary>
/// <param name="Kind">Whether it was a peer or a channel message.</param>
/// <param name="FromUserId">The sender, decoded from the URL path.</param>
/// <param name="Destination">The receiving user ID (peer message) or channel name (channel message).</param>
/// <param name="Payload">The message content.</param>
/// <param name="WaitForAck">Whether the request asked to wait for the receiver's acknowledgement.</param>
/// <param name="EnableHistoricalMessaging">Whether the message was to be stored in history.</param>
/// <param name="EnableOfflineMessaging">Whether the deprecated offline-storage flag was set.</param>
/// <param name="RequestId">The request ID the emulator answered with.</param>
/// <param name="ReceivedAt">When the emulator received it, in Unix epoch milliseconds.</param>
public sealed record RecordedMessage(
    RecordedMessageKind Kind,
    string FromUserId,
    string Destination,
    string Payload,
    bool WaitForAck,
    bool EnableHistoricalMessaging,
    bool EnableOfflineMessaging,
    string RequestId,
    long ReceivedAt);

/// <summary>The kind of a recorded message.</summary>
public enum RecordedMessageKind
{
    /// <summary>A peer-to-peer message.</summary>
    Peer,

    /// <summary>A channel message.</summary>
    Channel,
}
