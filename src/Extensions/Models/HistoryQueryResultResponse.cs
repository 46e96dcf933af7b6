using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class HistoryQueryResultResponse
{
    /// <summary>Gets a value indicating whether the query has finished (<c>code</c> is <c>ok</c>); otherwise wait 2 seconds and ask again.</summary>
    [JsonIgnore]
    public bool IsReady => WireValues.Normalize(Code) == "ok";
}
