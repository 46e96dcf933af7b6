namespace Agora.Signaling;

/// <summary>
/// The token an attempt, a wait for a permit or a run of retries goes under: cancelled by the caller or when its time
/// is up. On the system clock its token source is reused, one per thread, because a source with a timer is the
/// largest thing an attempt allocates; with any other <see cref="TimeProvider"/> (a test's fake clock) each gets a new one.
/// </summary>
internal readonly struct TimeoutToken : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _link;
    private readonly bool _reusable;
    private readonly CancellationToken _callerToken;

    private TimeoutToken(CancellationTokenSource? source, CancellationTokenRegistration link, bool reusable, CancellationToken token, CancellationToken callerToken)
    {
        _source = source;
        _link = link;
        _reusable = reusable;
        Token = token;
        _callerToken = callerToken;
    }

    public CancellationToken Token { get; }

    /// <summary>Gets a value indicating whether the time ran out (as opposed to the caller cancelling).</summary>
    public bool TimedOut => _source is { IsCancellationRequested: true } && !_callerToken.IsCancellationRequested;

    /// <summary>Starts the clock; an infinite timeout leaves the caller's token as it is.</summary>
    public static TimeoutToken Start(TimeSpan timeout, CancellationToken callerToken, TimeProvider time)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new TimeoutToken(null, default, false, callerToken, callerToken);
        }

        var due = timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero;
        bool reusable = ReferenceEquals(time, TimeProvider.System);
        CancellationTokenSource source;
        if (reusable)
        {
            source = t_spare ?? new CancellationTokenSource();
            t_spare = null;
            source.CancelAfter(due);
        }
        else
        {
            source = new CancellationTokenSource(due, time);
        }

        var link = callerToken.CanBeCanceled ? callerToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), source) : default;
        return new TimeoutToken(source, link, reusable, source.Token, callerToken);
    }

    public void Dispose()
    {
        if (_source is null)
        {
            return;
        }

        // The caller's link goes first, so the caller cannot cancel a source that has been handed to another user.
        _link.Dispose();
        if (_reusable && _source.TryReset())
        {
            t_spare = _source;
        }
        else
        {
            _source.Dispose();
        }
    }
}
