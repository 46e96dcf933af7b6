namespace Agora.Signaling.Benchmarks.Profiling;

/// <summary>
/// Per-call times of calls measured in blocks taken in turn, in microseconds, one list per call, and the ratios of
/// blocks taken in the same round: blocks of one round see the same drift of the machine's speed, so their ratio is
/// the steadier figure.
/// </summary>
public sealed class BlockTimes(IReadOnlyList<IReadOnlyList<double>> times)
{
    public IReadOnlyList<IReadOnlyList<double>> Times { get; } = times;

    public double Median(int call) => Percentile(Times[call], 0.5);

    /// <summary>The block ratios of one call's time to another's, round by round.</summary>
    public IReadOnlyList<double> Ratios(int numerator, int denominator) =>
        Times[numerator].Zip(Times[denominator], (n, d) => n / d).ToList();

    /// <summary>The median of the block ratios and their middle half (25th to 75th percentile).</summary>
    public (double Median, double Lower, double Upper) Ratio(int numerator, int denominator)
    {
        var ratios = Ratios(numerator, denominator);
        return (Percentile(ratios, 0.5), Percentile(ratios, 0.25), Percentile(ratios, 0.75));
    }

    /// <summary>
    /// The range that holds the median of the block ratios with 95 % confidence, between the order statistics of ranks
    /// n/2 - 0.98√n and 1 + n/2 + 0.98√n (no assumption about the ratios' distribution): how precisely one run gives the
    /// ratio, where the middle half says how much single rounds scatter.
    /// </summary>
    public (double Lower, double Upper) MedianInterval(int numerator, int denominator)
    {
        var sorted = Ratios(numerator, denominator).Order().ToList();
        double half = 0.98 * Math.Sqrt(sorted.Count);
        int lower = Math.Max(0, (int)Math.Floor((sorted.Count / 2.0) - half) - 1);
        int upper = Math.Min(sorted.Count - 1, (int)Math.Ceiling(1 + (sorted.Count / 2.0) + half) - 1);
        return (sorted[lower], sorted[upper]);
    }

    // Linear interpolation between the closest ranks.
    private static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        double rank = fraction * (sorted.Count - 1);
        int below = (int)Math.Floor(rank);
        int above = (int)Math.Ceiling(rank);
        return sorted[below] + ((sorted[above] - sorted[below]) * (rank - below));
    }
}
