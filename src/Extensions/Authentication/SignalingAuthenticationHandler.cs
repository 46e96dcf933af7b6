namespace Agora.Signaling;

/// <summary>
/// Applies a <see cref="SignalingCredential"/> to every request, and to every attempt of a retried request.
/// </summary>
internal sealed class SignalingAuthenticationHandler : DelegatingHandler
{
    private readonly SignalingCredential _credential;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="SignalingAuthenticationHandler"/> class.</summary>
    /// <param name="credential">The credential to apply.</param>
    /// <param name="timeProvider">The clock that decides token expiry, or <see langword="null"/> for the system clock.</param>
    public SignalingAuthenticationHandler(SignalingCredential credential, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _credential = credential;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Most credentials apply synchronously; then the request goes on without an extra async layer.
        var applying = _credential.ApplyAsync(request, RequestContext.Of(request)?.UserId, _time, cancellationToken);
        if (!applying.IsCompletedSuccessfully)
        {
            return SendAfterAsync(applying, request, cancellationToken);
        }

        applying.GetAwaiter().GetResult();
        return base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAfterAsync(ValueTask applying, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await applying.ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
