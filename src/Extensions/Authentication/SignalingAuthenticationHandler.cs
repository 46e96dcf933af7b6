namespace Agora.Signaling;

/// <summary>
/// Applies a <see cref="SignalingCredential"/> to every request, and to every attempt of a retried request.
/// </summary>
public sealed class SignalingAuthenticationHandler : DelegatingHandler
{
    private readonly SignalingCredential _credential;

    /// <summary>Initializes a new instance of the <see cref="SignalingAuthenticationHandler"/> class.</summary>
    /// <param name="credential">The credential to apply.</param>
    public SignalingAuthenticationHandler(SignalingCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _credential.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
