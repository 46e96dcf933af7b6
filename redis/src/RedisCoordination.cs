using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Agora.Signaling.Redis;

/// <summary>
/// A registration's coordination through one Redis: shared limiters (<see cref="FleetRateLimiter"/>) and pull
/// leases (<see cref="RedisPullLease"/>), with one view of whether Redis answers (<see cref="RedisHealth"/>).
/// </summary>
internal sealed class RedisCoordination : ISignalingCoordination, IAsyncDisposable, IDisposable
{
    private readonly Task<IConnectionMultiplexer> _connecting;
    private readonly bool _ownsConnection;

    public RedisCoordination(Task<IConnectionMultiplexer> connecting, bool ownsConnection, RedisCoordinationOptions options, ILogger logger, TimeProvider time)
    {
        _connecting = connecting;
        _ownsConnection = ownsConnection;
        Options = options;
        Logger = logger;
        Time = time;
        Health = new RedisHealth(logger, options.RetryInterval, time);
    }

    public RedisCoordinationOptions Options { get; }

    public ILogger Logger { get; }

    public TimeProvider Time { get; }

    public RedisHealth Health { get; }

    /// <summary>
    /// The connection, once made: the first callers wait up to the connect timeout for it, and later ones (while it is
    /// still not made) up to the command timeout. A multiplexer keeps reconnecting on its own after that.
    /// </summary>
    public Task<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken) =>
        _connecting.IsCompleted ? _connecting
        : _connecting.WaitAsync(Health.InOutage ? Options.CommandTimeout : Options.ConnectTimeout, cancellationToken);

    public RateLimiter CreateLimiter(SignalingQuota quota, RateLimiter local) => new FleetRateLimiter(this, quota, local);

    public IPullLease OpenPullLease(string appId, string stream) => new RedisPullLease(this, Key(appId, "pull-lease", stream), stream);

    /// <summary>A key of one app: the prefix, the app ID, then what it holds.</summary>
    public string Key(string appId, string kind, string name) => $"{Options.KeyPrefix}:{appId}:{kind}:{name}";

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection && _connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    // A container disposed synchronously needs this: one with only DisposeAsync would make its Dispose throw.
    public void Dispose()
    {
        if (_ownsConnection && _connecting.IsCompletedSuccessfully)
        {
            _connecting.Result.Dispose();
        }
    }
}
