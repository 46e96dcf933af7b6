namespace Agora.Signaling;

/// <summary>Optional settings of a Signaling 2.x publish.</summary>
public sealed class PublishOptions
{
    /// <summary>Gets or sets a value indicating whether the message is also kept in history, readable with <see cref="ISignalingClient.GetMessageHistoryAsync"/>.</summary>
    public bool StoreInHistory { get; set; }

    /// <summary>Gets or sets a label the receivers see with the message (such as <c>image</c>), from 1 to 32 characters; none unless set.</summary>
    public string? CustomType { get; set; }
}
