namespace Tracking.Protocols.Nmea;

/// <summary>
/// The unit and calendar conversions of NMEA 0183 fields, each named and stated once. Pure and thread-safe.
/// </summary>
public static class NmeaConversions
{
    /// <summary>
    /// A latitude or longitude written as whole degrees and decimal minutes (ddmm.mmmm, dddmm.mmmm) to signed decimal
    /// degrees: south and west are negative.
    /// </summary>
    /// <param name="degrees">Whole degrees, the digits before the last two of the integer part.</param>
    /// <param name="minutes">Minutes with their decimal fraction, 0 ≤ minutes &lt; 60.</param>
    /// <param name="southOrWest">The hemisphere field is S (latitude) or W (longitude).</param>
    public static double DegreesMinutesToDegrees(int degrees, double minutes, bool southOrWest)
    {
        var value = degrees + (minutes / 60);
        return southOrWest ? -value : value;
    }

    /// <summary>
    /// The full year of a two-digit NMEA year (RMC date, ddmmyy): the one year ending in <paramref name="twoDigitYear"/>
    /// within [<paramref name="referenceYear"/> − 50, <paramref name="referenceYear"/> + 49]. With the receive year as
    /// reference the window slides with the server clock: in 2026, 76–99 are 1976–1999 and 00–75 are 2000–2075, so the
    /// 31/12/99 → 01/01/00 rollover reads as 1999 → 2000, and a receiver with a GPS week-number rollover bug that reports
    /// 1999 is seen as 1999 (too old), not 2099.
    /// </summary>
    public static int ResolveTwoDigitYear(int twoDigitYear, int referenceYear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(twoDigitYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(twoDigitYear, 99);
        var first = referenceYear - 50;
        return first + ((((twoDigitYear - first) % 100) + 100) % 100);
    }

    /// <summary>
    /// The UTC instant with time of day <paramref name="timeOfDay"/> nearest <paramref name="reference"/>: on the
    /// reference's UTC date, the day before or the day after. A GGA sentence carries a time of day but no date; a time
    /// exactly twelve hours away resolves to the earlier day, because devices report the past. Returns null when the
    /// instant falls outside the range of <see cref="DateTimeOffset"/>.
    /// </summary>
    public static DateTimeOffset? NearestInstantWithTimeOfDay(TimeSpan timeOfDay, DateTimeOffset reference)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timeOfDay.Ticks);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(timeOfDay.Ticks, TimeSpan.TicksPerDay);
        const long HalfDay = TimeSpan.TicksPerDay / 2;
        var now = reference.UtcTicks;
        var candidate = now - (now % TimeSpan.TicksPerDay) + timeOfDay.Ticks;
        if (candidate - now >= HalfDay)
        {
            candidate -= TimeSpan.TicksPerDay;
        }
        else if (now - candidate > HalfDay)
        {
            candidate += TimeSpan.TicksPerDay;
        }

        return candidate >= 0 && candidate <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(candidate, TimeSpan.Zero)
            : null;
    }
}
