namespace Agora.Signaling;

/// <summary>Which hosts serve an operation, declared as <c>x-signaling-hosts</c>.</summary>
internal enum HostFamily
{
    /// <summary>The RESTful API on <c>api.agora.io</c> and its failover hosts: <see cref="SignalingClientOptions.Endpoint"/> (<c>rest</c>).</summary>
    Rest,

    /// <summary>The Signaling 2.x API on <c>api.sd-rtn.com</c>: <see cref="SignalingClientOptions.HistoryEndpoint"/> (<c>rtm2</c>).</summary>
    Rtm2,
}
