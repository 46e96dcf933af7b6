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
        Client = new RecordingClient(client);
        Emulator = emulator;
    }

    /// <summary>Gets the client, which records what the service answered.</summary>
    public RecordingClient Client { get; }

    /// <summary>Gets the embedded emulator, or <see langword="null"/> when a real service is used.</summary>
    public SignalingEmulator? Emulator { get; }

    public static SignalingConnection Open(ConnectionSettings settings, CommandOutput output)
    {
        if (!settings.UsesEmulator)
        {
            return new SignalingConnection(new SignalingClient(settings.ClientOptions!), null);
        }

        var emulator = SignalingEmulator.Start();
        try
        {
            var options = emulator.CreateClientOptions();
            if (settings.MaxRetries is int retries)
            {
                options.Retry.MaxRetries = retries;
            }

            var client = new SignalingClient(options);
            output.Note($"Using the embedded emulator at {emulator.Endpoint} because {settings.EmulatorReason}; nothing leaves this machine.");
            return new SignalingConnection(client, emulator);
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        Emulator?.Dispose();
    }
}
