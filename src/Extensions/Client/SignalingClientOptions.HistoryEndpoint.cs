namespace Agora.Signaling;

// The Signaling 2.x API's host, which follows a custom Endpoint unless set.
public partial class SignalingClientOptions
{
    private Uri? _historyEndpoint;
    private bool _historyEndpointSet;

    /// <summary>
    /// Gets or sets the host of the Signaling 2.x API (message history and publish). Unless set, it follows
    /// <see cref="Endpoint"/> when that is not one of Agora's hosts (a proxy, a test server, the emulator), so a custom
    /// endpoint alone sends nothing elsewhere; with Agora's hosts it is <see cref="DefaultHistoryEndpoint"/>.
    /// </summary>
    public Uri HistoryEndpoint
    {
        get => _historyEndpointSet ? _historyEndpoint! : Endpoint is { } endpoint && !AgoraHosts.IsAgoraHost(endpoint) ? endpoint : DefaultHistoryEndpoint;
        set
        {
            _historyEndpoint = value;
            _historyEndpointSet = true;
        }
    }

    /// <summary>Gets the 2.x API's failover hosts: its own list, or the custom endpoint's when it follows that endpoint.</summary>
    internal IList<Uri> ResolvedHistoryFailoverEndpoints =>
        HistoryFailoverEndpoints is { Count: 0 } && !_historyEndpointSet && FailoverEndpoints is { } custom && HistoryEndpoint == Endpoint
            ? custom
            : HistoryFailoverEndpoints;
}
