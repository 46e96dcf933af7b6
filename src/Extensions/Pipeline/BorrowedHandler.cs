namespace Agora.Signaling;

/// <summary>Passes requests to a handler the caller owns, and leaves it undisposed when the client is disposed.</summary>
internal sealed class BorrowedHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override void Dispose(bool disposing)
    {
        // Deliberately not calling base.Dispose: that would dispose the caller's handler.
    }
}
