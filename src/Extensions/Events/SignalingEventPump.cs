using System.Runtime.CompilerServices;

namespace Agora.Signaling;

/// <summary>
/// Drains user or channel events as batches. Pulls go through the client, so they wait for its event-pull rate
/// limit (10 a second by default). Each batch is handed over whole as soon as it arrives: a pulled batch is never
/// held back by a later failure, and nothing is pulled until the caller asks for the next batch.
/// </summary>
/// <remarks>
/// A pull deletes what it returns, so when a fleet coordinates (as <c>UseRedisCoordination</c> sets up), a following
/// pump pulls only while its instance holds the app's pull lease; the others wait, and one of them takes over when the
/// holder stops or dies. A pump that drains once does not take the lease.
/// </remarks>
public static class SignalingEventPump
{
    /// <summary>Pulls user events until caught up (see <see cref="EventPumpOptions.Follow"/>), or for as long as the caller listens when following.</summary>
    /// <param name="client">The client to pull with.</param>
    /// <param name="options">Follow and idle settings, or <see langword="null"/> to drain once.</param>
    /// <param name="cancellationToken">A token that ends the enumeration.</param>
    /// <returns>The non-empty batches, in the order pulled.</returns>
    public static IAsyncEnumerable<IReadOnlyList<UserEvent>> ReadUserEventsAsync(this ISignalingClient client, EventPumpOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return PumpAsync(async ct => (IReadOnlyList<UserEvent>?)(await client.GetUserEventsAsync(ct).ConfigureAwait(false)).Events, static e => e.Ms, Validated(options), Lease(client, "user-events"), cancellationToken);
    }

    /// <summary>Pulls channel events until caught up (see <see cref="EventPumpOptions.Follow"/>), or for as long as the caller listens when following.</summary>
    /// <param name="client">The client to pull with.</param>
    /// <param name="options">Follow and idle settings, or <see langword="null"/> to drain once.</param>
    /// <param name="cancellationToken">A token that ends the enumeration.</param>
    /// <returns>The non-empty batches, in the order pulled.</returns>
    public static IAsyncEnumerable<IReadOnlyList<ChannelEvent>> ReadChannelEventsAsync(this ISignalingClient client, EventPumpOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return PumpAsync(async ct => (IReadOnlyList<ChannelEvent>?)(await client.GetChannelEventsAsync(ct).ConfigureAwait(false)).Events, static e => e.Ms, Validated(options), Lease(client, "channel-events"), cancellationToken);
    }

    private static EventPumpOptions Validated(EventPumpOptions? options)
    {
        options ??= new EventPumpOptions();
        if (options.IdleDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.IdleDelay, "The idle delay must not be negative.");
        }

        if (options.MaxPulls < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPulls, "MaxPulls must be at least 1.");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        return options;
    }

    // Opened when the enumeration starts, so an enumerable never enumerated holds nothing.
    private static Func<IPullLease>? Lease(ISignalingClient client, string stream) =>
        client is SignalingClient { Coordination: { } coordination } ? () => coordination.OpenPullLease(client.AppId, stream) : null;

    private static async IAsyncEnumerable<IReadOnlyList<T>> PumpAsync<T>(Func<CancellationToken, Task<IReadOnlyList<T>?>> pull, Func<T, long?> receivedAt, EventPumpOptions options, Func<IPullLease>? openLease, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // With coordination, a follower pulls only while its instance holds the app's lease: a pull deletes what it returns.
        await using var lease = options.Follow ? openLease?.Invoke() : null;

        // On a busy app the store is never empty; a drain ends once a pull brings only events that happened after it
        // began, which it had not been asked for.
        long began = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (int pulls = 1; ; pulls++)
        {
            if (lease is not null)
            {
                await lease.WaitUntilHeldAsync(cancellationToken).ConfigureAwait(false);
            }

            var batch = await pull(cancellationToken).ConfigureAwait(false);
            bool last = pulls >= options.MaxPulls;
            if (batch is { Count: > 0 })
            {
                yield return batch;
                if (last || (!options.Follow && AllAfter(batch, receivedAt, began)))
                {
                    yield break;
                }

                continue;
            }

            if (last || !options.Follow)
            {
                yield break;
            }

            await Task.Delay(options.IdleDelay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    // An event without a time is not known to be new, so it does not end the drain.
    private static bool AllAfter<T>(IReadOnlyList<T> batch, Func<T, long?> receivedAt, long began)
    {
        foreach (var item in batch)
        {
            if (receivedAt(item) is not long ms || ms <= began)
            {
                return false;
            }
        }

        return true;
    }
}
