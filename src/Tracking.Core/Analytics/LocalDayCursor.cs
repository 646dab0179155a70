namespace Tracking.Core.Analytics;

/// <summary>
/// The local day of successive times, converting only when a time leaves the day of the one before: fixes come in
/// runs of one day, so a time-zone conversion per day instead of per fix. Not thread-safe.
/// </summary>
public sealed class LocalDayCursor(LocalCalendar calendar)
{
    private long _startTicks = long.MaxValue;
    private long _endTicks = long.MinValue;
    private DateOnly _day;

    /// <summary>The local day of a time given as UTC ticks.</summary>
    public DateOnly DayOf(long utcTicks)
    {
        if (utcTicks < _startTicks || utcTicks >= _endTicks)
        {
            _day = calendar.Day(new DateTimeOffset(utcTicks, TimeSpan.Zero));
            (_startTicks, _endTicks) = (calendar.Start(_day).UtcTicks, calendar.End(_day).UtcTicks);
        }

        return _day;
    }
}
