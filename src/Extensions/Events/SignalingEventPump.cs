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
    /// <summary>Pulls user events until a pull comes back empty, or for as long as the caller listens when following.</summary>
    /// <param name="client">The client to pull with.</param>
    /// <param name="options">Follow and idle settings, or <see langword="null"/> to drain once.</param>
    /// <param name="cancellationToken">A token that ends the enumeration.</param>
    /// <returns>The non-empty batches, in the order pulled.</returns>
    public static IAsyncEnumerable<IReadOnlyList<UserEvent>> ReadUserEventsAsync(this ISignalingClient client, EventPumpOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return PumpAsync(async ct => (IReadOnlyList<UserEvent>?)(await client.GetUserEventsAsync(ct).ConfigureAwait(false)).Events, Validated(options), Lease(client, "user-events"), cancellationToken);
    }

    /// <summary>Pulls channel events until a pull comes back empty, or for as long as the caller listens when following.</summary>
    /// <param name="client">The client to pull with.</param>
    /// <param name="options">Follow and idle settings, or <see langword="null"/> to drain once.</param>
    /// <param name="cancellationToken">A token that ends the enumeration.</param>
    /// <returns>The non-empty batches, in the order pulled.</returns>
    public static IAsyncEnumerable<IReadOnlyList<ChannelEvent>> ReadChannelEventsAsync(this ISignalingClient client, EventPumpOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return PumpAsync(async ct => (IReadOnlyList<ChannelEvent>?)(await client.GetChannelEventsAsync(ct).ConfigureAwait(false)).Events, Validated(options), Lease(client, "channel-events"), cancellationToken);
    }

    private static EventPumpOptions Validated(EventPumpOptions? options)
    {
        options ??= new EventPumpOptions();
        if (options.IdleDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.IdleDelay, "The idle delay must not be negative.");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(options));
        return options;
    }

    // Opened when the enumeration starts, so an enumerable never enumerated holds nothing.
    private static Func<IPullLease>? Lease(ISignalingClient client, string stream) =>
        client is SignalingClient { Coordination: { } coordination } ? () => coordination.OpenPullLease(client.AppId, stream) : null;

    private static async IAsyncEnumerable<IReadOnlyList<T>> PumpAsync<T>(Func<CancellationToken, Task<IReadOnlyList<T>?>> pull, EventPumpOptions options, Func<IPullLease>? openLease, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = options.Follow ? openLease?.Invoke() : null;
        while (true)
        {
            if (lease is not null)
            {
                await lease.WaitUntilHeldAsync(cancellationToken).ConfigureAwait(false);
            }

            var batch = await pull(cancellationToken).ConfigureAwait(false);
            if (batch is { Count: > 0 })
            {
                yield return batch;
                continue;
            }

            if (!options.Follow)
            {
                yield break;
            }

            await Task.Delay(options.IdleDelay, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
