namespace Agora.Signaling.Cli.Connection;

/// <summary>Where a command sends its requests: a real service, an emulator running elsewhere, or an embedded one.</summary>
/// <param name="ClientOptions">The options for a real service, or <see langword="null"/> for an emulator.</param>
/// <param name="BaseUrls">Every host given, in order: the first is the endpoint, the others its failover hosts.</param>
/// <param name="EmulatorReason">Why an emulator is used, for the one line that says so.</param>
/// <param name="MaxRetries">The retry count given with <c>--max-retries</c>, or <see langword="null"/> for the SDK's default.</param>
/// <param name="EmulatorUrl">The running emulator given with <c>--emulator URL</c>, or <see langword="null"/> to start an embedded one.</param>
internal sealed record ConnectionSettings(SignalingClientOptions? ClientOptions, IReadOnlyList<Uri> BaseUrls, string? EmulatorReason, int? MaxRetries = null, Uri? EmulatorUrl = null)
{
    public bool UsesEmulator => ClientOptions is null;

    public static ConnectionSettings Emulator(string reason, int? maxRetries, Uri? url = null) => new(null, [], reason, maxRetries, url);
}
