namespace Agora.Signaling.Cli.Connection;

/// <summary>
/// Says which emulator is used when the first request goes out, not when the connection opens: input the SDK refuses
/// is never sent, and "Using the emulator…" before "Nothing was sent" would read as if something had been.
/// </summary>
internal sealed class NoteOnFirstRequest(Action note) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _noted;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _noted, 1) == 0)
        {
            note();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
