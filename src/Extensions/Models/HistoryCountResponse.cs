using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class HistoryCountResponse
{
    /// <summary>Gets a value indicating whether the count has finished (<c>code</c> is <c>ok</c>); otherwise wait 2 seconds and ask again.</summary>
    [JsonIgnore]
    public bool IsReady => WireValues.Normalize(Code) == "ok";
}
