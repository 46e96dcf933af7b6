namespace Agora.Signaling;

/// <summary>
/// The right to pull one app's events, held by one instance of a fleet at a time: held while renewed, and taken
/// over by another instance when its holder releases it or stops renewing it.
/// </summary>
internal interface IPullLease : IAsyncDisposable
{
    /// <summary>Returns once this instance holds the lease: at once while it does, otherwise when it takes it over.</summary>
    /// <param name="cancellationToken">A token that ends the wait.</param>
    /// <returns>A task that completes when the lease is held.</returns>
    ValueTask WaitUntilHeldAsync(CancellationToken cancellationToken);
}
