namespace Agora.Signaling;

/// <summary>The kind of a channel event.</summary>
public enum ChannelEventKind
{
    /// <summary>A type this SDK does not know; read <see cref="ChannelEvent.Type"/>.</summary>
    Unknown = 0,

    /// <summary>The user joined the channel (<c>Join</c>).</summary>
    Join,

    /// <summary>The user left the channel (<c>Leave</c>).</summary>
    Leave,
}
