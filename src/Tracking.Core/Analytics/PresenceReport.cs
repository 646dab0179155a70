using Tracking.Core.Duty;
using Tracking.Core.Patrol;
using Tracking.Core.Resources;

namespace Tracking.Core.Analytics;

/// <summary>
/// Patrol presence per area against its targets. A stay counts in the period, day, shift, team, unit
/// and mode of the moment it began (a visit is where and when it started: a stay across midnight counts
/// on the day it began, whole). Targets apply to rows that cover whole local days: the period's total
/// (its days × the per-day target) and each day; a shift or a unit has no target of its own.
/// </summary>
public static class PresenceReport
{
    /// <summary>Label of stays whose device no shift gave out.</summary>
    public const string NoShift = "(no shift)";

    public static List<PresenceRow> Build(
        IEnumerable<Stay> stays,
        IReadOnlyList<PresenceReportArea> areas,
        DutyRota rota,
        IReadOnlyDictionary<string, Unit> units,
        LocalCalendar calendar,
        DateTimeOffset from,
        DateTimeOffset to,
        PresenceGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(stays);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(rota);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(calendar);
        var byArea = areas.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var totals = new Dictionary<(string Area, string? Group), (int Visits, int Passes, double Seconds)>();
        foreach (var stay in stays)
        {
            if (stay.Enter < from || stay.Enter >= to || !byArea.ContainsKey(stay.AreaKey))
            {
                continue;
            }

            var key = (stay.AreaKey, Group(stay, rota, units, calendar, grouping));
            totals.TryGetValue(key, out var sum);
            totals[key] = (sum.Visits + (stay.IsVisit ? 1 : 0), sum.Passes + (stay.IsVisit ? 0 : 1), sum.Seconds + stay.InsideSeconds);
        }

        var wholeDays = WholeDays(calendar, from, to);
        var groups = grouping switch
        {
            PresenceGrouping.None => [null],
            // Every day of the period, so a day with no presence shows as red rather than missing.
            PresenceGrouping.Day => calendar.Days(from, to).Select(d => (string?)d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            _ => totals.Keys.Select(k => k.Group).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
        var rows = new List<PresenceRow>();
        foreach (var area in areas)
        {
            foreach (var group in groups)
            {
                totals.TryGetValue((area.Key, group), out var sum);
                if (grouping is not (PresenceGrouping.None or PresenceGrouping.Day) && sum == default)
                {
                    continue;
                }

                double? days = grouping switch
                {
                    PresenceGrouping.None => wholeDays,
                    PresenceGrouping.Day => IsWholeDay(calendar, group!, from, to) ? 1 : null,
                    _ => null,
                };
                var minutes = sum.Seconds / 60;
                var targetVisits = days is { } d && area.Targets.VisitsPerDay is { } v ? v * d : (double?)null;
                var targetMinutes = days is { } e && area.Targets.MinutesPerDay is { } m ? m * e : (double?)null;
                var share = days is { } f ? TargetRating.WorstShare(sum.Visits, minutes, area.Targets.VisitsPerDay, area.Targets.MinutesPerDay, f) : null;
                rows.Add(new PresenceRow(area.Kind, area.Id, area.Name, group, sum.Visits, sum.Passes, minutes, targetVisits, targetMinutes, TargetRating.Of(share)));
            }
        }

        return rows;
    }

    /// <summary>The label of the group a stay falls in.</summary>
    private static string? Group(Stay stay, DutyRota rota, IReadOnlyDictionary<string, Unit> units, LocalCalendar calendar, PresenceGrouping grouping)
    {
        if (grouping == PresenceGrouping.None)
        {
            return null;
        }

        if (grouping == PresenceGrouping.Day)
        {
            return calendar.Day(stay.Enter).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (rota.Attribute(stay.DeviceId, stay.Enter) is not { } duty)
        {
            return NoShift;
        }

        return grouping switch
        {
            PresenceGrouping.Shift => duty.Shift.Id,
            PresenceGrouping.Unit => duty.UnitId,
            PresenceGrouping.Team => units.TryGetValue(duty.UnitId, out var unit) && unit.Team is { } team ? team : "(no team)",
            _ => duty.Role.IsCarried() ? "foot" : "vehicle",
        };
    }

    /// <summary>How many whole local days [from, to) covers (targets are per day), or null when it covers none.</summary>
    private static double? WholeDays(LocalCalendar calendar, DateTimeOffset from, DateTimeOffset to)
    {
        var days = calendar.Days(from, to).Count(day => calendar.Start(day) >= from && calendar.End(day) <= to);
        return days > 0 ? days : null;
    }

    private static bool IsWholeDay(LocalCalendar calendar, string label, DateTimeOffset from, DateTimeOffset to)
    {
        var day = DateOnly.ParseExact(label, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return calendar.Start(day) >= from && calendar.End(day) <= to;
    }
}
