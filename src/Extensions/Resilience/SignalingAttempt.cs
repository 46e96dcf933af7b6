namespace Agora.Signaling;

/// <summary>One attempt of a request: where it went and how it ended.</summary>
/// <param name="Endpoint">The host the attempt was sent to.</param>
/// <param name="Status">The HTTP status answered, or <see langword="null"/> when no response came.</param>
/// <param name="Failure">Why no response came (connection refused, timeout…), or <see langword="null"/>.</param>
public sealed record SignalingAttempt(Uri Endpoint, int? Status, string? Failure)
{
    /// <inheritdoc />
    public override string ToString() => $"{Endpoint.Authority}: {(Status is int status ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : Failure)}";

    internal static string Describe(IReadOnlyList<SignalingAttempt> attempts)
    {
        if (attempts.Count == 0)
        {
            return string.Empty;
        }

        var hosts = attempts.Select(a => a.Endpoint.Authority).Distinct(StringComparer.OrdinalIgnoreCase);
        return attempts.Count == 1
            ? $" (1 attempt, on {attempts[0].Endpoint.Authority})"
            : $" (after {attempts.Count} attempts, on {string.Join(", ", hosts)})";
    }
}
