using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Agora.Signaling;

/// <summary>
/// The SDK's <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>, both named
/// <c>Agora.Signaling</c>, so OpenTelemetry collects them with <c>AddSource("Agora.Signaling")</c> and <c>AddMeter("Agora.Signaling")</c>.
/// </summary>
public static class SignalingTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Agora.Signaling";

    internal static readonly string Version =
        typeof(SignalingTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly ActivitySource ActivitySource = new(Name, Version);

    internal static readonly Meter Meter = new(Name, Version);

    internal static readonly Histogram<double> AttemptDuration = Meter.CreateHistogram<double>(
        "agora.signaling.attempt.duration", "s", "How long one HTTP attempt to the Signaling REST API took.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "agora.signaling.retries", "{retry}", "Attempts made after the first one of a call.");

    internal static readonly Counter<long> Failovers = Meter.CreateCounter<long>(
        "agora.signaling.failovers", "{failover}", "Attempts sent to another host than the previous attempt of the same call.");

    internal static readonly Histogram<double> RateLimitWait = Meter.CreateHistogram<double>(
        "agora.signaling.rate_limit.wait", "s", "How long a request waited for the client-side rate limit.");

    /// <summary>The <c>User-Agent</c> the SDK sends: its name and version, after an optional application ID.</summary>
    internal static string UserAgent(string? applicationId) =>
        string.IsNullOrEmpty(applicationId) ? $"{Name}/{Version} (.NET {Environment.Version})" : $"{applicationId} {Name}/{Version} (.NET {Environment.Version})";
}
