namespace Agora.Signaling;

/// <summary>What the service did with a message, read from the <c>code</c> of its answer.</summary>
public enum MessageDeliveryStatus
{
    /// <summary>The answer carried a code this SDK does not know; read <see cref="SendMessageResponse.Code"/>.</summary>
    Unknown = 0,

    /// <summary>The service accepted the message (<c>message_sent</c>).</summary>
    Sent,

    /// <summary>The receiver acknowledged the message (<c>message_delivered</c>); only with wait-for-ack.</summary>
    Delivered,

    /// <summary>The receiver is offline (<c>message_offline</c>).</summary>
    Offline,
}
