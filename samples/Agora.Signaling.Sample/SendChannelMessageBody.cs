namespace Agora.Signaling.Sample;

/// <summary>The JSON body of <c>POST /channels/{channel}/messages</c>.</summary>
/// <param name="From">The user the message is sent as.</param>
/// <param name="Payload">The message content.</param>
public sealed record SendChannelMessageBody(string? From, string? Payload);
