using Polly.Timeout;

namespace Agora.Signaling;

/// <summary>
/// A call's overall timeout (<see cref="SignalingClientOptions.OverallTimeout"/>): a deadline on the client's
/// <see cref="TimeProvider"/> that bounds permit waits, attempts (each cut to what is left) and backoff.
/// </summary>
internal readonly struct CallBudget(TimeSpan overall, TimeSpan perAttempt, TimeProvider time)
{
    /// <summary>Gets when the call began: the overall timeout counts from here.</summary>
    public long Started { get; } = time.GetTimestamp();

    public TimeSpan Overall => overall;

    /// <summary>Whether what <see cref="Remaining"/> gave leaves no time at all.</summary>
    public static bool Spent(TimeSpan remaining) => remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero;

    /// <summary>What is left of the overall timeout, or infinite.</summary>
    public TimeSpan Remaining() => overall == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : RemainingAt(time.GetTimestamp());

    /// <summary>What was left of the overall timeout at <paramref name="timestamp"/> (from the same clock), or infinite.</summary>
    public TimeSpan RemainingAt(long timestamp) => overall == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : overall - time.GetElapsedTime(Started, timestamp);

    /// <summary>The bound on one attempt: its own timeout, or what is left of the call when that is shorter.</summary>
    public TimeSpan ForAttempt(TimeSpan remaining) =>
        remaining == Timeout.InfiniteTimeSpan || (perAttempt != Timeout.InfiniteTimeSpan && perAttempt < remaining) ? perAttempt : remaining;

    /// <summary>
    /// The error of a call whose overall timeout ran out. If no attempt so far can have been processed (none was sent,
    /// or each was refused with 429) the request was not delivered, and a <see cref="SignalingTimeoutException"/> says so;
    /// otherwise Polly's timeout goes on to the client, which reports the outcome as unknown (or, for a read, a timeout).
    /// </summary>
    public Exception Exceeded(string operation, bool mayHaveBeenProcessed, IReadOnlyList<SignalingAttempt> attempts, Exception? inner = null) =>
        mayHaveBeenProcessed
            ? new TimeoutRejectedException($"The call did not complete within its overall timeout of {overall}.", overall, inner!)
            : SignalingTimeoutException.NotSent(operation, overall, attempts, inner);
}
