namespace Agora.Signaling;

/// <summary>
/// Applies a <see cref="SignalingCredential"/> to every request, and to every attempt of a retried request.
/// </summary>
public sealed class SignalingAuthenticationHandler : DelegatingHandler
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
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _credential.ApplyAsync(request, RequestContext.Of(request)?.UserId, _time, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
