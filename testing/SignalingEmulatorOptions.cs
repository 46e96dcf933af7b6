namespace Agora.Signaling.Testing;

/// <summary>Settings of a <see cref="SignalingEmulator"/>.</summary>
public sealed class SignalingEmulatorOptions
{
    /// <summary>Gets or sets the app ID the emulator serves; requests for other app IDs are refused.</summary>
    public string AppId { get; set; } = "876922cbca0098dff4323566daa89675";

    /// <summary>Gets or sets the customer ID accepted by HTTP Basic authentication.</summary>
    public string CustomerId { get; set; } = "emulator-customer-id";

    /// <summary>Gets or sets the customer secret accepted by HTTP Basic authentication.</summary>
    public string CustomerSecret { get; set; } = "emulator-customer-secret";

    /// <summary>Gets or sets the app certificate that AccessToken2 and AccessToken tokens must be signed with.</summary>
    public string AppCertificate { get; set; } = "5cfd2fd1755d40ecb72977518be15d3b";

    /// <summary>Gets or sets the loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets or sets the clock used for event and history timestamps.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
