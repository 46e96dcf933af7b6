namespace Agora.Signaling.Cli.Connection;

/// <summary>Where a command sends its requests: either client options for a real service or the embedded emulator.</summary>
/// <param name="ClientOptions">The options for a real service, or <see langword="null"/> to start the embedded emulator.</param>
/// <param name="BaseUrls">Every host given, in order: the first is the endpoint, the others its failover hosts.</param>
/// <param name="EmulatorReason">Why the emulator is used, for the one line that says so.</param>
/// <param name="MaxRetries">The retry count given with <c>--max-retries</c>, or <see langword="null"/> for the SDK's default.</param>
internal sealed record ConnectionSettings(SignalingClientOptions? ClientOptions, IReadOnlyList<Uri> BaseUrls, string? EmulatorReason, int? MaxRetries = null)
{
    public bool UsesEmulator => ClientOptions is null;

    public static ConnectionSettings Emulator(string reason, int? maxRetries) => new(null, [], reason, maxRetries);
}
