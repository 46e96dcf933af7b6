namespace Agora.Signaling;

/// <summary>Optional settings of a peer-to-peer message.</summary>
public sealed class PeerMessageOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether the response waits until the receiver acknowledges
    /// the message, so that a delivered message answers <see cref="MessageDeliveryStatus.Delivered"/>.
    /// </summary>
    public bool WaitForAck { get; set; }

    /// <summary>Gets or sets a value indicating whether the message is stored as a historical message.</summary>
    public bool EnableHistoricalMessaging { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the service stores the message for an offline receiver
    /// (at most 200 per receiver). Agora has deprecated this option.
    /// </summary>
    [Obsolete("Agora has deprecated offline messaging and will remove it.", DiagnosticId = "AGSIG002")]
    public bool EnableOfflineMessaging { get; set; }
}
