using System.Runtime.Serialization;

namespace Agora.Signaling;

public partial class LegacyHistoryMessage
{
    [OnDeserialized]
    private void FillFromLegacyNames(StreamingContext context)
    {
#pragma warning disable CS0612 // The February 2020 spelling is read here, once, so callers never need it.
        Ms ??= Ts;
#pragma warning restore CS0612
    }
}
