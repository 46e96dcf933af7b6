namespace Agora.Signaling;

/// <summary>
/// The token one attempt runs under: cancelled by the caller or when the attempt's time is up. On the system
/// clock its token source is reused, one per thread, because a source with a timer is the largest thing an attempt
/// allocates; with any other <see cref="TimeProvider"/> (a test's fake clock) each attempt gets a new one.
/// </summary>
internal readonly struct AttemptTimeout : IDisposable
{
    [ThreadStatic]
    private static CancellationTokenSource? t_spare;

    private readonly CancellationTokenSource? _source;
    private readonly CancellationTokenRegistration _link;
    private readonly bool _reusable;

    private AttemptTimeout(CancellationTokenSource? source, CancellationTokenRegistration link, bool reusable, CancellationToken token)
    {
        _source = source;
        _link = link;
        _reusable = reusable;
        Token = token;
    }

    public CancellationToken Token { get; }

    /// <summary>Starts the clock of an attempt; an infinite timeout leaves the caller's token as it is.</summary>
    public static AttemptTimeout Start(TimeSpan timeout, CancellationToken callerToken, TimeProvider time)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return new AttemptTimeout(null, default, false, callerToken);
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
        return new AttemptTimeout(source, link, reusable, source.Token);
    }

    public void Dispose()
    {
        if (_source is null)
        {
            return;
        }

        // The caller's link goes first, so the caller cannot cancel a source that has been handed to another attempt.
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
