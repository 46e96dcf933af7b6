namespace Agora.Signaling.Sample;

/// <summary>
/// The last failure of <see cref="UserEventsPump"/>, so a pump that keeps failing (a wrong secret answers 401 to every
/// pull) shows at <c>/health</c> instead of only as an empty <c>/users/events/recent</c>.
/// </summary>
public sealed class UserEventsPumpStatus
{
    private readonly object _gate = new();
    private DateTimeOffset? _lastFailureAt;
    private string? _lastFailure;
    private int _failures;

    /// <summary>Records a failed pull.</summary>
    /// <param name="at">When it failed.</param>
    /// <param name="reason">Why, on one line; the SDK's messages never carry a credential.</param>
    public void RecordFailure(DateTimeOffset at, string reason)
    {
        lock (_gate)
        {
            _lastFailureAt = at;
            _lastFailure = reason;
            _failures++;
        }
    }

    /// <summary>Gets the last failure, if any, and how many there have been since the service started.</summary>
    /// <returns>When it happened, why, and the count.</returns>
    public (DateTimeOffset? At, string? Reason, int Count) LastFailure()
    {
        lock (_gate)
        {
            return (_lastFailureAt, _lastFailure, _failures);
        }
    }
}
