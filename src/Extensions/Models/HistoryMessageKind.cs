namespace Agora.Signaling;

/// <summary>The kind of content of a stored message.</summary>
public enum HistoryMessageKind
{
    /// <summary>A type this SDK does not know; read <see cref="HistoryMessage.MessageType"/>.</summary>
    Unknown = 0,

    /// <summary>Text (<c>STRING</c>).</summary>
    String,

    /// <summary>Bytes, base64-encoded on the wire (<c>BINARY</c>).</summary>
    Binary,
}
