using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Agora.Signaling.Sample;

/// <summary>Unhealthy while <see cref="UserEventsPump"/> keeps failing: its last failure is recent enough that it is still restarting.</summary>
public sealed class UserEventsPumpHealthCheck(UserEventsPumpStatus status, TimeProvider time) : IHealthCheck
{
    // A failing pump fails again every UserEventsPump.RestartDelay (5 s); one quiet window this long means it recovered.
    private static readonly TimeSpan FailingWindow = TimeSpan.FromSeconds(30);

    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (at, reason, count) = status.LastFailure();
        return Task.FromResult(at is { } failedAt && time.GetUtcNow() - failedAt < FailingWindow
            ? HealthCheckResult.Unhealthy($"Pulling user events failed {count} time(s); the last, at {failedAt:u}: {reason}")
            : HealthCheckResult.Healthy(count == 0 ? "Pulling user events." : $"Pulling user events again after {count} failure(s)."));
    }
}
