using System.Runtime.Serialization;

namespace Agora.Signaling;

public partial class LegacyHistoryMessage
{
    // For callers who deserialize the model with Newtonsoft's own resolver; the SDK's reader fills the current
    // spellings as the old ones are set (LegacySpellingResolver), without this reflection-invoked callback.
    [OnDeserialized]
    private void FillFromLegacyNames(StreamingContext context)
    {
#pragma warning disable CS0612 // The February 2020 spelling is read here, once, so callers never need it.
        Ms ??= Ts;
#pragma warning restore CS0612
    }
}
