using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class UserEvent : ILegacySpellings
{
    /// <summary>Gets the kind named by <see cref="Type"/>; <see cref="UserEventKind.Unknown"/> for types this SDK does not know.</summary>
    [JsonIgnore]
    public UserEventKind Kind => WireValues.Normalize(Type) switch
    {
        "login" => UserEventKind.Login,
        "logout" => UserEventKind.Logout,
        _ => UserEventKind.Unknown,
    };

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
