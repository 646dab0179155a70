namespace Tracking.Core.Analytics;

/// <summary>Summary statistics the reports use, each defined exactly so a reader can check a figure by hand.</summary>
public static class Statistics
{
    /// <summary>
    /// The <paramref name="fraction"/> quantile (0.5 median, 0.9 90th percentile) by linear interpolation
    /// between the closest ranks (the "inclusive" definition of spreadsheets: rank = fraction × (n − 1)).
    /// Null for no values.
    /// </summary>
    public static double? Percentile(IEnumerable<double> values, double fraction)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var rank = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>
    /// The Gini coefficient of non-negative values: 0 when everyone did the same, towards 1 when one did
    /// everything. G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² μ). Null for no values or when all are zero.
    /// </summary>
    public static double? Gini(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0 || sorted.Any(v => v < 0 || !double.IsFinite(v)))
        {
            return sorted.Length == 0 ? null : throw new ArgumentException("Gini needs finite, non-negative values.", nameof(values));
        }

        var sum = sorted.Sum();
        if (sum == 0)
        {
            return null;
        }

        // With values sorted ascending: Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n + 1) xᵢ (i from 0).
        double weighted = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            weighted += ((2.0 * i) - sorted.Length + 1) * sorted[i];
        }

        return weighted / (sorted.Length * sum);
    }

    /// <summary>Change from <paramref name="before"/> to <paramref name="after"/> in percent; null when before is zero.</summary>
    public static double? ChangePercent(double before, double after) => before == 0 ? null : (after - before) / before * 100;
}
