namespace Agora.Signaling.Sample;

/// <summary>The answer of <c>POST /channels/{channel}/messages</c> once Agora has taken the message.</summary>
/// <param name="RequestId">Agora's request ID, to quote when asking Agora about this message.</param>
/// <param name="Status">What Agora did with the message, such as <c>Sent</c>.</param>
public sealed record ChannelMessageAccepted(string? RequestId, string Status);
