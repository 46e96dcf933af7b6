namespace Agora.Signaling.Testing;

/// <summary>A message in the emulator's history store, as the 2.x history API returns it.</summary>
/// <param name="Publisher">The sending user ID.</param>
/// <param name="Message">The content: text, or base64 when <paramref name="MessageType"/> is BINARY.</param>
/// <param name="Timestamp">When it was sent, in Unix epoch milliseconds.</param>
/// <param name="MessageType">STRING or BINARY.</param>
/// <param name="CustomType">The user-defined message type.</param>
public sealed record StoredHistoryMessage(
    string Publisher,
    string Message,
    long Timestamp,
    string MessageType = "STRING",
    string CustomType = "");
