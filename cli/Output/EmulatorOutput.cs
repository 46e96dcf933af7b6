namespace Agora.Signaling.Cli.Output;

/// <summary>What <c>emulator --json</c> prints once it answers: where it is and the credentials it accepts.</summary>
internal sealed record EmulatorOutput(string Url, string AppId, string CustomerId, string CustomerSecret, string AppCertificate);
