namespace Agora.Signaling.Testing;

/// <summary>
/// The limits an emulator enforces once told to (<see cref="SignalingEmulator.EnforceQuotas"/>): Agora's documented
/// quotas unless set. Each is counted over all clients of the app (and, for 2.x publishes, per channel) in fixed
/// one-second windows of the emulator's clock, and a request past it is answered 429 with <c>Retry-After</c>.
/// </summary>
public sealed class EmulatorQuotas
{
    /// <summary>Gets or sets the peer and channel messages a second, combined; 500 unless set.</summary>
    public int MessagesPerSecond { get; set; } = 500;

    /// <summary>Gets or sets the user and channel event pulls a second, combined; 10 unless set.</summary>
    public int EventPullsPerSecond { get; set; } = 10;

    /// <summary>Gets or sets the history requests a second (2.x and legacy together); 60 unless set.</summary>
    public int HistoryRequestsPerSecond { get; set; } = 60;

    /// <summary>Gets or sets the 2.x publishes a second to any one channel (a channel is its type and name); 60 unless set.</summary>
    /// <remarks>Agora documents dropping some publishes past this limit rather than refusing them; the emulator refuses them with 429, so that a test sees them.</remarks>
    public int PublishesPerChannelPerSecond { get; set; } = 60;
}
