namespace Agora.Signaling;

/// <summary>Optional settings of a channel message.</summary>
public sealed class ChannelMessageOptions
{
    /// <summary>Gets or sets a value indicating whether the message is stored as a historical message.</summary>
    public bool EnableHistoricalMessaging { get; set; }
}
