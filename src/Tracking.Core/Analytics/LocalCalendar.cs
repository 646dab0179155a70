namespace Tracking.Core.Analytics;

/// <summary>
/// The force's local days (Europe/London by default): reports split by the day people lived, so a
/// night shift's 01:30 belongs to the next date, and the days of the clock changes are 23 and 25 hours
/// long. Immutable and thread-safe.
/// </summary>
public sealed class LocalCalendar
{
    /// <summary>The zone of every UK force.</summary>
    public static LocalCalendar London { get; } = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));

    /// <param name="zone">The force's time zone.</param>
    public LocalCalendar(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>The local date of an instant.</summary>
    public DateOnly Day(DateTimeOffset time) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, Zone).DateTime);

    /// <summary>The instant (UTC) a local date begins: its local midnight.</summary>
    public DateTimeOffset Start(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // No zone in use skips midnight itself; if one did, the day would begin at the first valid instant after it.
        while (Zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(1);
        }

        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The instant the local date after <paramref name="day"/> begins.</summary>
    public DateTimeOffset End(DateOnly day) => Start(day.AddDays(1));

    /// <summary>The local dates that [<paramref name="from"/>, <paramref name="to"/>) touches, in order.</summary>
    public IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            yield break;
        }

        for (var day = Day(from); Start(day) < to; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
