namespace Tracking.Protocols.TetraLip;

/// <summary>
/// §6.3.79 Time of position carries day of month, hour, minute and second in UTC, but no month or year: the date is
/// the one, among the months around the receive time that have that day, whose instant is nearest the receive time
/// (on a tie, the earlier). A report received at 00:00:10 on 1 January for day 31, 23:59:59 is from 31 December.
/// Pure and thread-safe.
/// </summary>
internal static class TimeOfPosition
{
    /// <summary>
    /// Two months either side: the nearest date with a given day can be two months back (day 31 received on 1 March
    /// is 31 January, February having no 31st, before 31 March).
    /// </summary>
    private const int MonthsAround = 2;

    private const long NearerThanAnyOtherMonth = 14 * TimeSpan.TicksPerDay;

    /// <param name="day">1–31.</param>
    /// <param name="hour">0–23.</param>
    /// <param name="minute">0–59.</param>
    /// <param name="second">0–59.</param>
    /// <param name="receivedAt">When the report arrived.</param>
    public static DateTimeOffset Resolve(int day, int hour, int minute, int second, DateTimeOffset receivedAt)
    {
        var received = receivedAt.UtcDateTime;
        received.Deconstruct(out int year, out int month, out int receivedDay);
        var timeOfDay = (((hour * 60L) + minute) * 60 + second) * TimeSpan.TicksPerSecond;

        // The usual case, a fix from minutes ago: the same day of another month is at least 28 days from this month's,
        // so this month's is the nearest when it is less than 14 days away. No calendar search is needed.
        if (day <= DateTime.DaysInMonth(year, month))
        {
            var ticks = received.Ticks - (received.Ticks % TimeSpan.TicksPerDay) + ((day - receivedDay) * TimeSpan.TicksPerDay) + timeOfDay;
            if (Math.Abs(ticks - received.Ticks) < NearerThanAnyOtherMonth)
            {
                return new DateTimeOffset(ticks, TimeSpan.Zero);
            }
        }

        var best = DateTime.MinValue;
        var bestDistance = TimeSpan.MaxValue;
        for (var offset = -MonthsAround; offset <= MonthsAround; offset++)
        {
            var months = (year * 12) + month - 1 + offset;
            var candidateYear = months / 12;
            var candidateMonth = (months % 12) + 1;
            if (candidateYear is < 1 or > 9999 || day > DateTime.DaysInMonth(candidateYear, candidateMonth))
            {
                continue;
            }

            var candidate = new DateTime(candidateYear, candidateMonth, day, hour, minute, second, DateTimeKind.Utc);
            var distance = (candidate - received).Duration();
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // Any five consecutive months include one with 31 days, so a candidate was found.
        return new DateTimeOffset(best, TimeSpan.Zero);
    }
}
