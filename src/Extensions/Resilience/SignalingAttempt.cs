namespace Agora.Signaling;

/// <summary>One attempt of a request: where it went and how it ended.</summary>
/// <param name="Endpoint">The host the attempt was sent to.</param>
/// <param name="Status">The HTTP status answered, or <see langword="null"/> when no response came.</param>
/// <param name="Failure">Why no response came (connection refused, timeout…), or <see langword="null"/>.</param>
public sealed record SignalingAttempt(Uri Endpoint, int? Status, string? Failure)
{
    /// <inheritdoc />
    public override string ToString() => $"{SignalingLog.Host(Endpoint)}: {(Status is int status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure)}";

    internal static string Describe(IReadOnlyList<SignalingAttempt> attempts)
    {
        if (attempts.Count == 0)
        {
            return string.Empty;
        }

        var hosts = attempts.Select(a => SignalingLog.Host(a.Endpoint)).Distinct(StringComparer.OrdinalIgnoreCase);
        return attempts.Count == 1
            ? $" (1 attempt, on {SignalingLog.Host(attempts[0].Endpoint)})"
            : $" (after {attempts.Count} attempts, on {string.Join(", ", hosts)})";
    }
}
