namespace Agora.Signaling.Cli.Connection;

/// <summary>Where a command sends its requests: either client options for a real service or the embedded emulator.</summary>
/// <param name="ClientOptions">The options for a real service, or <see langword="null"/> to start the embedded emulator.</param>
/// <param name="BaseUrls">Every host given, in order; only the first is used until failover arrives.</param>
/// <param name="EmulatorReason">Why the emulator is used, for the one line that says so.</param>
internal sealed record ConnectionSettings(SignalingClientOptions? ClientOptions, IReadOnlyList<Uri> BaseUrls, string? EmulatorReason)
{
    public bool UsesEmulator => ClientOptions is null;

    public static ConnectionSettings Emulator(string reason) => new(null, [], reason);
}
