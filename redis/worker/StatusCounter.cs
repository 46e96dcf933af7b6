namespace Agora.Signaling.FleetWorker;

/// <summary>Counts the 429 answers of every attempt (it sits below the SDK's retries), which the SDK's retries would otherwise hide.</summary>
internal sealed class StatusCounter : DelegatingHandler
{
    private int _tooMany;

    public int TooMany => Volatile.Read(ref _tooMany);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 429)
        {
            Interlocked.Increment(ref _tooMany);
        }

        return response;
    }
}
