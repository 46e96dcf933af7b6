using Agora.Signaling.Benchmarks.Baseline;

namespace Agora.Signaling.Benchmarks.Loopback;

/// <summary>The two clients under comparison, pointed at the same loopback server.</summary>
public static class BenchClients
{
    /// <summary>Gets the server's address: the one the runner started, or a server started in this process as a fallback.</summary>
    public static Uri Endpoint() =>
        ServerProcess.Inherited ?? throw new InvalidOperationException(
            $"No loopback server: run the suite through Program (it starts one and sets {ServerProcess.EndpointVariable}).");

    /// <summary>Creates an SDK client with default options, pointed at the loopback server or sending through <paramref name="transport"/>.</summary>
    /// <param name="messagesPerSecond">The message rate limit; <see langword="null"/> switches the limits off.</param>
    public static SignalingClient Sdk(Uri endpoint, int? messagesPerSecond, HttpMessageHandler? transport = null)
    {
        var options = Options(endpoint, messagesPerSecond);
        return transport is null ? new SignalingClient(options) : new SignalingClient(options, transport);
    }

    /// <summary>Default options with the benchmark's app ID and credential.</summary>
    /// <param name="messagesPerSecond">The rate limit of every kind of request; <see langword="null"/> switches the limits off.</param>
    public static SignalingClientOptions Options(Uri endpoint, int? messagesPerSecond)
    {
        var options = new SignalingClientOptions
        {
            AppId = FixedResponseServer.AppId,
            Endpoint = endpoint,
            HistoryEndpoint = endpoint,
            Credential = new BasicCredential(FixedResponseServer.CustomerId, FixedResponseServer.CustomerSecret),
        };

        if (messagesPerSecond is int rate)
        {
            options.RateLimits.MessagesPerSecond = rate;
            options.RateLimits.EventPullsPerSecond = rate;
            options.RateLimits.HistoryRequestsPerSecond = rate;
            options.RateLimits.PublishesPerChannelPerSecond = rate;

            // Agora's cap on all requests together (500 a second) would otherwise pace every benchmark at 2 ms a call.
            options.RateLimits.RequestsPerSecond = rate;
        }
        else
        {
            options.RateLimits.Enabled = false;
        }

        return options;
    }

    /// <summary>Creates the hand-written client over an <see cref="HttpClient"/> configured as the SDK configures its own.</summary>
    public static (HandWrittenSignalingClient Client, HttpClient Http) HandWritten(Uri endpoint, HttpMessageHandler? transport = null)
    {
        // The same transport settings as the SDK's own handler, so the comparison is of the layers above it.
        var http = new HttpClient(transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        });
        return (new HandWrittenSignalingClient(http, endpoint, FixedResponseServer.AppId, FixedResponseServer.CustomerId, FixedResponseServer.CustomerSecret), http);
    }

    /// <summary>Creates the tuned hand-written client: the same transport settings, and no HttpClient timeout.</summary>
    public static (TunedSignalingClient Client, HttpClient Http) Tuned(Uri endpoint, HttpMessageHandler? transport = null)
    {
        var http = new HttpClient(transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return (new TunedSignalingClient(http, endpoint, FixedResponseServer.AppId, FixedResponseServer.CustomerId, FixedResponseServer.CustomerSecret), http);
    }
}
