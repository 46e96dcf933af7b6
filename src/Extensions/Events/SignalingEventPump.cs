using System.Runtime.CompilerServices;

namespace Agora.Signaling;

/// <summary>
/// Drains user or channel events as batches. Pulls go through the client, so they wait for its event-pull rate
/// limit (10 a second by default). Each batch is handed over whole as soon as it arrives: a pulled batch is never
/// held back by a later failure, and nothing is pulled until the caller asks for the next batch.
/// </summary>
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
        return PumpAsync(async ct => (IReadOnlyList<UserEvent>?)(await client.GetUserEventsAsync(ct).ConfigureAwait(false)).Events, static e => e.Ms, Validated(options), cancellationToken);
    }

    /// <summary>Pulls channel events until caught up (see <see cref="EventPumpOptions.Follow"/>), or for as long as the caller listens when following.</summary>
    /// <param name="client">The client to pull with.</param>
    /// <param name="options">Follow and idle settings, or <see langword="null"/> to drain once.</param>
    /// <param name="cancellationToken">A token that ends the enumeration.</param>
    /// <returns>The non-empty batches, in the order pulled.</returns>
    public static IAsyncEnumerable<IReadOnlyList<ChannelEvent>> ReadChannelEventsAsync(this ISignalingClient client, EventPumpOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return PumpAsync(async ct => (IReadOnlyList<ChannelEvent>?)(await client.GetChannelEventsAsync(ct).ConfigureAwait(false)).Events, static e => e.Ms, Validated(options), cancellationToken);
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

    private static async IAsyncEnumerable<IReadOnlyList<T>> PumpAsync<T>(Func<CancellationToken, Task<IReadOnlyList<T>?>> pull, Func<T, long?> receivedAt, EventPumpOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // On a busy app the store is never empty; a drain ends once a pull brings only events that happened after it
        // began, which it had not been asked for.
        long began = options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (int pulls = 1; ; pulls++)
        {
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
