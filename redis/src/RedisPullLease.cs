using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Agora.Signaling.Redis;

/// <summary>
/// The right to pull one app's events, as a Redis key holding this lease's token with an expiry: taken when the key
/// is free (<c>SET NX</c>), renewed a third of the lease time apart while the pump runs (and before a pull when no
/// renewal was confirmed for half of it), released when it stops; a holder that dies stops renewing, and the key
/// expires for another instance to take. An instance waiting for it looks again when the key's remaining time
/// (<c>PTTL</c>) runs out, so it takes over a dead holder's lease as it expires, and at least every quarter of the
/// lease time (at most a second), so it also notices a lease released early. StackExchange.Redis's lock
/// commands only extend or delete the key while it still holds this lease's token.
/// </summary>
/// <remarks>
/// While Redis does not answer, the holder goes on pulling (its lease cannot be taken from a Redis nobody reaches)
/// and the others go on waiting. Two instances pulling at once would still not deliver an event twice: a pull deletes
/// what it returns.
/// </remarks>
internal sealed class RedisPullLease(RedisCoordination coordination, string key, string stream) : IPullLease
{
    private readonly RedisValue _token = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly CancellationTokenSource _stopping = new();
    private volatile bool _held;
    private long _confirmedAt;
    private Task? _renewing;

    private TimeSpan LeaseTime => coordination.Options.PullLeaseTime;

    public async ValueTask WaitUntilHeldAsync(CancellationToken cancellationToken)
    {
        // A holder whose renewals have not been confirmed for half the lease (a stalled process, a slow Redis) asks
        // before pulling again, so that it does not pull beside an instance that took over meanwhile.
        if (_held && coordination.Time.GetElapsedTime(Volatile.Read(ref _confirmedAt)) > LeaseTime / 2)
        {
            await RenewAsync().ConfigureAwait(false);
        }

        while (!_held)
        {
            if (await TryAsync(db => db.LockTakeAsync(key, _token, LeaseTime)).ConfigureAwait(false) == true)
            {
                Volatile.Write(ref _confirmedAt, coordination.Time.GetTimestamp());
                _held = true;
                RedisCoordinationLog.LeaseTaken(coordination.Logger, stream);
                _renewing ??= KeepRenewingAsync(_stopping.Token);
                return;
            }

            await Task.Delay(await UntilFreeAsync().ConfigureAwait(false), coordination.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_renewing is not null)
        {
            await _renewing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_held)
        {
            _held = false;
            await TryAsync(db => db.LockReleaseAsync(key, _token)).ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task KeepRenewingAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(LeaseTime / 3, coordination.Time);
        while (await NextTickAsync(timer, stopping).ConfigureAwait(false))
        {
            if (_held)
            {
                await RenewAsync().ConfigureAwait(false);
            }
        }
    }

    // No answer keeps the lease as it is (Redis may be away); an answer that the key holds another token ends it.
    private async Task RenewAsync()
    {
        switch (await TryAsync(db => db.LockExtendAsync(key, _token, LeaseTime)).ConfigureAwait(false))
        {
            case true:
                Volatile.Write(ref _confirmedAt, coordination.Time.GetTimestamp());
                break;
            case false when _held:
                _held = false;
                RedisCoordinationLog.LeaseLost(coordination.Logger, stream);
                break;
        }
    }

    // How long a waiting instance waits before trying again: until the holder's key expires, and no longer than a
    // quarter of the lease time (at most a second), which is how late a lease released early is noticed. A fixed
    // quarter took over a dead holder's lease up to a quarter after it expired; the key's remaining time ends the wait
    // as it expires. A millisecond is added since Redis counts it in whole ones. With no remaining time to go by (Redis
    // does not answer, or the key went between the two commands) the wait is the quarter.
    private async Task<TimeSpan> UntilFreeAsync()
    {
        var longest = TimeSpan.FromTicks(Math.Min(LeaseTime.Ticks / 4, TimeSpan.TicksPerSecond));
        var remaining = await TryAsync(db => db.KeyTimeToLiveAsync(key)).ConfigureAwait(false);
        return remaining is { } left && left + TimeSpan.FromMilliseconds(1) < longest ? left + TimeSpan.FromMilliseconds(1) : longest;
    }

    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stopping)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    // The answer, or null when Redis did not give one in time.
    private Task<bool?> TryAsync(Func<IDatabase, Task<bool>> command) =>
        TryAsync<bool?>(async db => await command(db).ConfigureAwait(false));

    // The answer, or the default (null for the types asked for here) when Redis did not give one in time.
    private async Task<T?> TryAsync<T>(Func<IDatabase, Task<T?>> command)
    {
        var timeout = coordination.Options.CommandTimeout;
        try
        {
            var connection = await coordination.ConnectAsync(CancellationToken.None).ConfigureAwait(false);
            return await command(connection.GetDatabase()).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            return default;
        }
    }
}
