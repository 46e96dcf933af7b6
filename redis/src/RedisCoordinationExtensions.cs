using Agora.Signaling;
using Agora.Signaling.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes the limits and event pulls of an <c>AddAgoraSignaling</c> registration shared by every instance of a fleet, through Redis.</summary>
public static class RedisCoordinationExtensions
{
    /// <summary>
    /// Shares this registration's rate limits (keyed by app ID) across every instance that uses the same Redis, and
    /// lets one instance at a time pull its events while following. Without an answer from Redis, each instance falls
    /// back on its own limits until Redis answers again.
    /// </summary>
    /// <param name="builder">The builder <c>AddAgoraSignaling</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6379</c>; the connection is made and disposed here.</param>
    /// <param name="configure">Sets the coordination's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The configuration cannot be parsed, or an option is out of range.</exception>
    public static IHttpClientBuilder UseRedisCoordination(this IHttpClientBuilder builder, string configuration, Action<RedisCoordinationOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException exception)
        {
            // The parser's message can quote the string, which may hold a password.
            throw new ArgumentException("The Redis configuration string cannot be parsed; see StackExchange.Redis's configuration documentation.", nameof(configuration), exception.InnerException);
        }

        // Commands fail at once while the connection is down, rather than queue behind it: the limits fall back instead.
        parsed.AbortOnConnectFail = false;
        parsed.BacklogPolicy = BacklogPolicy.FailFast;
        return Add(builder, options =>
        {
            configure?.Invoke(options);

            // Reconnect at the pace the limits try Redis again, rather than backing off for ever longer.
            parsed.ReconnectRetryPolicy = new LinearRetry((int)options.RetryInterval.TotalMilliseconds);
        }, () => ConnectAsync(parsed), ownsConnection: true);
    }

    /// <summary>
    /// Shares this registration's rate limits (keyed by app ID) across every instance that uses the same Redis, and
    /// lets one instance at a time pull its events while following, over a connection the application already has.
    /// </summary>
    /// <param name="builder">The builder <c>AddAgoraSignaling</c> returned.</param>
    /// <param name="connection">The connection to use; it stays the caller's to dispose.</param>
    /// <param name="configure">Sets the coordination's options, or <see langword="null"/> for the defaults.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IHttpClientBuilder UseRedisCoordination(this IHttpClientBuilder builder, IConnectionMultiplexer connection, Action<RedisCoordinationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return Add(builder, configure, () => Task.FromResult(connection), ownsConnection: false);
    }

    private static IHttpClientBuilder Add(IHttpClientBuilder builder, Action<RedisCoordinationOptions>? configure, Func<Task<IConnectionMultiplexer>> connect, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new RedisCoordinationOptions();
        configure?.Invoke(options);
        options.Validate();
        return SignalingCoordinationRegistration.Coordinate(builder, provider => new RedisCoordination(
            connect(),
            ownsConnection,
            options,
            provider.GetService<ILoggerFactory>()?.CreateLogger("Agora.Signaling.Redis") ?? NullLogger.Instance,
            TimeProvider.System));
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(ConfigurationOptions options) =>
        await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
}
