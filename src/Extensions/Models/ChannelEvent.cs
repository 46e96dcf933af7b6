using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class ChannelEvent : ILegacySpellings
{
    /// <summary>Gets the kind named by <see cref="Type"/>; <see cref="ChannelEventKind.Unknown"/> for types this SDK does not know.</summary>
    [JsonIgnore]
    public ChannelEventKind Kind => WireValues.Normalize(Type) switch
    {
        "join" => ChannelEventKind.Join,
        "leave" => ChannelEventKind.Leave,
        _ => ChannelEventKind.Unknown,
    };

    // For callers who deserialize the model with Newtonsoft's own resolver; the SDK's reader calls the interface.
    [OnDeserialized]
    private void FillFromLegacyNames(StreamingContext context) => ((ILegacySpellings)this).FillFromLegacyNames();

    void ILegacySpellings.FillFromLegacyNames()
    {
#pragma warning disable CS0612 // The 2020 spellings are read here, once, so callers never need them.
        Ms ??= Ts;
        GroupId ??= ChannelId;
#pragma warning restore CS0612
    }
}
