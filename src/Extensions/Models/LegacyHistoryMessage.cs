using System.Runtime.Serialization;

namespace Agora.Signaling;

public partial class LegacyHistoryMessage : ILegacySpellings
{
    // For callers who deserialize the model with Newtonsoft's own resolver; the SDK's reader calls the interface.
    [OnDeserialized]
    private void FillFromLegacyNames(StreamingContext context) => ((ILegacySpellings)this).FillFromLegacyNames();

    void ILegacySpellings.FillFromLegacyNames()
    {
#pragma warning disable CS0612 // The 2020 spellings are read here, once, so callers never need them.
        Ms ??= Ts;
#pragma warning restore CS0612
    }
}
