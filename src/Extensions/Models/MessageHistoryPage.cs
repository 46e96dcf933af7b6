using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class MessageHistoryPage
{
    /// <summary>
    /// Gets the request ID of the answer that brought this page, to quote to Agora support; set by
    /// <see cref="ISignalingClient.GetMessageHistoryPagesAsync"/>, where each page is a request of its own.
    /// </summary>
    [JsonIgnore]
    public string? RequestId { get; internal set; }
}
