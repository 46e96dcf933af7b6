using Agora.Signaling.Cli.Output;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Cli.Connection;

/// <summary>A client for one command, and the embedded emulator behind it when there is one.</summary>
internal sealed class SignalingConnection : IDisposable
{
    private readonly SignalingClient _client;

    private SignalingConnection(SignalingClient client, SignalingEmulator? emulator)
    {
        _client = client;
        Emulator = emulator;
    }

    public ISignalingClient Client => _client;

    /// <summary>Gets the embedded emulator, or <see langword="null"/> when a real service is used.</summary>
    public SignalingEmulator? Emulator { get; }

    public static async Task<SignalingConnection> OpenAsync(ConnectionSettings settings, CommandOutput output, CancellationToken cancellationToken)
    {
        if (!settings.UsesEmulator)
        {
            return new SignalingConnection(new SignalingClient(settings.ClientOptions!), null);
        }

        if (settings.EmulatorUrl is { } url)
        {
            var running = await RunningEmulator.ReadClientOptionsAsync(url, cancellationToken).ConfigureAwait(false);
            var client = new SignalingClient(WithRetries(running, settings));
            output.Note($"Using the emulator at {running.Endpoint} (app ID {running.AppId}).");
            return new SignalingConnection(client, null);
        }

        var emulator = SignalingEmulator.Start();
        try
        {
            var client = new SignalingClient(WithRetries(emulator.CreateClientOptions(), settings));
            output.Note($"Using the embedded emulator at {emulator.Endpoint} because {settings.EmulatorReason}; nothing leaves this machine.");
            return new SignalingConnection(client, emulator);
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    private static SignalingClientOptions WithRetries(SignalingClientOptions options, ConnectionSettings settings)
    {
        if (settings.MaxRetries is int retries)
        {
            options.Retry.MaxRetries = retries;
        }

        return options;
    }

    public void Dispose()
    {
        _client.Dispose();
        Emulator?.Dispose();
    }
}
