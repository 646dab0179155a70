namespace Tracking.Core.Analytics;

/// <summary>
/// Red, amber or green against a location's targets over a period: each target set (visits per day,
/// minutes per day) is multiplied by the days of the period and compared with what was done; the
/// worst of them decides. Green: all met; amber: the worst at least <see cref="AmberFrom"/> of its
/// target; red: below that.
/// </summary>
public static class TargetRating
{
    /// <summary>Share of a target that still rates amber.</summary>
    public const double AmberFrom = 0.75;

    /// <summary>The worst share of a target met (1 = met exactly), or null when no target is set.</summary>
    public static double? WorstShare(int visits, double minutes, int? visitsPerDay, double? minutesPerDay, double days)
    {
        double? worst = null;
        if (visitsPerDay is > 0)
        {
            worst = visits / (visitsPerDay.Value * days);
        }

        if (minutesPerDay is > 0)
        {
            var share = minutes / (minutesPerDay.Value * days);
            worst = worst is null ? share : Math.Min(worst.Value, share);
        }

        return worst;
    }

    /// <summary>The status for <see cref="WorstShare"/>.</summary>
    public static TargetStatus Of(double? worstShare) => worstShare switch
    {
        null => TargetStatus.None,
        >= 1 => TargetStatus.Green,
        >= AmberFrom => TargetStatus.Amber,
        _ => TargetStatus.Red,
    };
}
