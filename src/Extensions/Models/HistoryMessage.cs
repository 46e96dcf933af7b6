using System.Text;
using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class HistoryMessage
{
    /// <summary>Gets the kind named by <see cref="MessageType"/>.</summary>
    [JsonIgnore]
    public HistoryMessageKind Kind => WireValues.Normalize(MessageType) switch
    {
        "string" => HistoryMessageKind.String,
        "binary" => HistoryMessageKind.Binary,
        _ => HistoryMessageKind.Unknown,
    };

    /// <summary>Gets the content as bytes: base64-decoded for binary messages, UTF-8 for text.</summary>
    /// <returns>The content; empty when there is none.</returns>
    /// <exception cref="FormatException">A binary message is not valid base64.</exception>
    public byte[] GetContentBytes() => Kind == HistoryMessageKind.Binary
        ? Convert.FromBase64String(Message ?? string.Empty)
        : Encoding.UTF8.GetBytes(Message ?? string.Empty);
}
