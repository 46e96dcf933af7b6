using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class SendMessageResponse
{
    /// <summary>Gets the delivery status named by <see cref="Code"/>; <see cref="MessageDeliveryStatus.Unknown"/> for codes this SDK does not know.</summary>
    [JsonIgnore]
    public MessageDeliveryStatus Status => WireValues.Normalize(Code) switch
    {
        // 2022 pages spelled the codes with spaces ("message sent"); both spellings mean the same.
        "message_sent" => MessageDeliveryStatus.Sent,
        "message_delivered" => MessageDeliveryStatus.Delivered,
        "message_offline" => MessageDeliveryStatus.Offline,
        _ => MessageDeliveryStatus.Unknown,
    };
}
