namespace Agora.Signaling;

/// <summary>
/// Builds what sits between a client and the network, the same way for <c>new SignalingClient(…)</c> and for
/// <c>AddAgoraSignaling</c>: the resilience handler (once per call: retries, failover, limits, timeouts), then the
/// authentication handler (once per attempt), then the transport.
/// </summary>
internal static class SignalingHandlerStack
{
    /// <summary>The SDK's handlers, outermost first; handlers of your own added through DI go below them.</summary>
    public static DelegatingHandler[] Create(SignalingPipeline pipeline, bool ownsPipeline, SignalingCredential credential, SignalingClientOptions options) =>
    [
        new SignalingResilienceHandler(pipeline, ownsPipeline),
        new SignalingAuthenticationHandler(credential, options.TimeProvider),
    ];

    /// <summary>The transport a client makes for itself, and the DI registration's primary handler.</summary>
    public static SocketsHttpHandler CreateTransport(SignalingClientOptions options) => new()
    {
        // A client kept by a singleton never gets a recycled handler; its connections still follow DNS.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),

        // A redirect would resend the message, or the legacy token headers, to a host the user did not choose.
        AllowAutoRedirect = false,

        // Decompressed bytes are what MaxResponseBodySize counts.
        AutomaticDecompression = System.Net.DecompressionMethods.All,

        // A connection that cannot be made is safe to retry, even for a send; bound it so it is reported as such.
        ConnectTimeout = options.Timeout > TimeSpan.Zero && options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// An HttpClient over the SDK's handlers and a transport. The resilience handler owns every timeout, so HttpClient's
    /// own is switched off.
    /// </summary>
    public static HttpClient CreateHttpClient(DelegatingHandler[] handlers, HttpMessageHandler transport)
    {
        for (int i = 0; i < handlers.Length; i++)
        {
            handlers[i].InnerHandler = i + 1 < handlers.Length ? handlers[i + 1] : transport;
        }

        return new HttpClient(handlers[0], disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
