namespace Tracking.Simulator.Cad;

/// <summary>
/// How demand varies over the week: a rate of incidents per hour at any time, as a base rate scaled by the hour of the
/// day (quiet before dawn, busiest late evening) and by the night of the week (Friday and Saturday nights, 18:00 to
/// 04:00, are the busiest of all; Sunday daytime is quiet). Times are read in UTC, the demo force's winter clock.
/// The grade mix shifts towards emergencies on those nights too. Pure and thread-safe.
/// </summary>
public sealed class IncidentProfile(double baseIncidentsPerHour)
{
    // Relative demand by hour of day, mean about 1.
    private static readonly double[] HourOfDay =
    [
        1.30, 1.10, 0.90, 0.60, 0.45, 0.40, 0.50, 0.70, 0.90, 1.00, 1.00, 1.05,
        1.10, 1.10, 1.10, 1.20, 1.25, 1.30, 1.30, 1.35, 1.40, 1.45, 1.50, 1.45,
    ];

    public const double WeekendNightFactor = 1.8;

    public double BaseIncidentsPerHour { get; } = baseIncidentsPerHour;

    /// <summary>The highest rate the profile reaches, for thinning the arrival process.</summary>
    public double MaxIncidentsPerHour => BaseIncidentsPerHour * HourOfDay.Max() * WeekendNightFactor;

    /// <summary>Expected incidents per hour at <paramref name="time"/>.</summary>
    public double IncidentsPerHour(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return BaseIncidentsPerHour * HourOfDay[utc.Hour] * DayFactor(utc);
    }

    /// <summary>True from 18:00 Friday to 04:00 Saturday and from 18:00 Saturday to 04:00 Sunday.</summary>
    public static bool IsWeekendNight(DateTime utc) =>
        (utc.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday && utc.Hour >= 18)
        || (utc.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && utc.Hour < 4);

    /// <summary>The share of grade 1, 2 and 3 incidents at <paramref name="time"/>.</summary>
    public static (double Grade1, double Grade2, double Grade3) GradeMix(DateTimeOffset time) =>
        IsWeekendNight(time.UtcDateTime) ? (0.32, 0.48, 0.20) : (0.20, 0.45, 0.35);

    private static double DayFactor(DateTime utc)
    {
        if (IsWeekendNight(utc))
        {
            return WeekendNightFactor;
        }

        return utc.DayOfWeek == DayOfWeek.Sunday && utc.Hour >= 4 ? 0.85 : 1.0;
    }
}
