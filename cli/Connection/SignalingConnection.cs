using Agora.Signaling.Cli.Output;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Cli.Connection;

/// <summary>A client for one command, and the embedded emulator behind it when there is one.</summary>
internal sealed class SignalingConnection : IDisposable
{
    private readonly SignalingClient _client;
    private readonly HttpMessageHandler? _transport;

    private SignalingConnection(SignalingClient client, SignalingEmulator? emulator, HttpMessageHandler? transport = null)
    {
        _client = client;
        Client = new RecordingClient(client);
        Emulator = emulator;
        _transport = transport;
    }

    /// <summary>Gets the client, which records what the service answered.</summary>
    public RecordingClient Client { get; }

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
            return Create(running, settings, null, () => output.Note($"Using the emulator at {running.Endpoint} (app ID {running.AppId})."));
        }

        var emulator = SignalingEmulator.Start();
        try
        {
            return Create(emulator.CreateClientOptions(), settings, emulator, () =>
                output.Note($"Using the embedded emulator at {emulator.Endpoint} because {settings.EmulatorReason}; nothing leaves this machine."));
        }
        catch
        {
            emulator.Dispose();
            throw;
        }
    }

    private static SignalingConnection Create(SignalingClientOptions options, ConnectionSettings settings, SignalingEmulator? emulator, Action note)
    {
        var transport = new NoteOnFirstRequest(note);
        try
        {
            return new SignalingConnection(new SignalingClient(WithRetries(options, settings), transport), emulator, transport);
        }
        catch
        {
            transport.Dispose();
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
        _transport?.Dispose();
        Emulator?.Dispose();
    }
}
