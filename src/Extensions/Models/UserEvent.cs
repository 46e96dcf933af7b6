using System.Runtime.Serialization;
using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class UserEvent
{
    /// <summary>Gets the kind named by <see cref="Type"/>; <see cref="UserEventKind.Unknown"/> for types this SDK does not know.</summary>
    [JsonIgnore]
    public UserEventKind Kind => WireValues.Normalize(Type) switch
    {
        "login" => UserEventKind.Login,
        "logout" => UserEventKind.Logout,
        _ => UserEventKind.Unknown,
    };

    // For callers who deserialize the model with Newtonsoft's own resolver; the SDK's reader fills the current
    // spellings as the old ones are set (LegacySpellingResolver), without this reflection-invoked callback.
    [OnDeserialized]
    private void FillFromLegacyNames(StreamingContext context)
    {
#pragma warning disable CS0612 // The 2020 spelling is read here, once, so callers never need it.
        Ms ??= Ts;
#pragma warning restore CS0612
    }
}
