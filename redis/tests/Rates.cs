using Agora.Signaling.Testing;

namespace Agora.Signaling.Redis.Tests;

/// <summary>How many messages the emulator received in its busiest second, and in all.</summary>
internal static class Rates
{
    /// <summary>The most messages received within any one second (a sliding window over arrival times).</summary>
    public static int BusiestSecond(IReadOnlyList<RecordedMessage> messages) => BusiestSecond(messages.Select(m => m.ReceivedAt));

    /// <summary>The most arrival times (epoch milliseconds) within any one second.</summary>
    public static int BusiestSecond(IEnumerable<long> arrivals)
    {
        var times = arrivals.Order().ToArray();
        int busiest = 0;
        for (int start = 0, end = 0; start < times.Length; start++)
        {
            while (end < times.Length && times[end] < times[start] + 1000)
            {
                end++;
            }

            busiest = Math.Max(busiest, end - start);
        }

        return busiest;
    }

    /// <summary>The most arrival times (epoch milliseconds) within one whole second of the clock, as the emulator counts its quotas.</summary>
    public static int BusiestWholeSecond(IEnumerable<long> arrivals) => arrivals.GroupBy(t => t / 1000).Select(g => g.Count()).DefaultIfEmpty(0).Max();

    /// <summary>The share of a quota the messages used in the whole seconds of the clock between the first and the last.</summary>
    public static double QuotaUsed(IReadOnlyList<RecordedMessage> messages, int perSecond) => QuotaUsed(messages.Select(m => m.ReceivedAt).ToArray(), perSecond);

    /// <summary>
    /// The share of a quota used by messages that arrived at these times (epoch milliseconds), over the clock seconds
    /// strictly between the first arrival's and the last's. Those seconds are whole: a limiter that grants a burst at
    /// the start, and the stragglers that were waiting for a permit when the senders stopped, both fall outside them.
    /// </summary>
    public static double QuotaUsed(long[] arrivals, int perSecond)
    {
        if (arrivals.Length == 0)
        {
            return 0;
        }

        long first = arrivals.Min() / 1000, last = arrivals.Max() / 1000;
        long inner = last - first - 1;
        if (inner < 1)
        {
            return 0;
        }

        int inside = arrivals.Count(t => t / 1000 > first && t / 1000 < last);
        return inside / (double)(perSecond * inner);
    }

    /// <summary>The messages received in each whole second from the first, for messages that explain a failure.</summary>
    public static string PerSecond(IReadOnlyList<RecordedMessage> messages) => PerSecond(messages.Select(m => m.ReceivedAt).ToArray());

    /// <summary>The arrivals in each whole second of the clock.</summary>
    public static string PerSecond(long[] arrivals) =>
        arrivals.Length == 0 ? "none" : string.Join(", ", arrivals.GroupBy(t => t / 1000).OrderBy(g => g.Key).Select(g => g.Count()));

    /// <summary>Sends peer messages from several concurrent senders until the time is up; returns how many were accepted.</summary>
    public static Task<int> SendForAsync(ISignalingClient client, string sender, TimeSpan duration, int concurrency = 8) =>
        CallForAsync(duration, concurrency, (worker, i) => client.SendPeerMessageAsync(sender, "receiver", $"{worker}-{i}"));

    /// <summary>Publishes to one message channel from several concurrent senders until the time is up; returns how many were accepted.</summary>
    public static Task<int> PublishForAsync(ISignalingClient client, string channel, TimeSpan duration, int concurrency) =>
        CallForAsync(duration, concurrency, (worker, i) => client.PublishAsync("publisher", PublishChannelType.Message, channel, $"{{\"n\":\"{worker}-{i}\"}}"));

    /// <summary>Makes calls from several concurrent callers, each one after the other, until the time is up; returns how many returned.</summary>
    private static async Task<int> CallForAsync<T>(TimeSpan duration, int concurrency, Func<int, int, Task<T>> call)
    {
        int done = 0;
        var until = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            // Bounded by the clock, and by a count no client could reach in the time.
            for (int i = 0; i < 100_000 && DateTime.UtcNow < until; i++)
            {
                await call(worker, i);
                Interlocked.Increment(ref done);
            }
        }));
        return done;
    }
}
