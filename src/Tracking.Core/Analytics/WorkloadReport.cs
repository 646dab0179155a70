using Tracking.Core.Duty;
using Tracking.Core.Incidents;
using Tracking.Core.Resources;

namespace Tracking.Core.Analytics;

/// <summary>
/// Workload balance: incidents attended per unit and per officer on each shift, and per team the Gini
/// coefficient of its officers' counts over the period. An attendance counts on the shift that had the
/// unit on duty when it arrived, for every officer of that shift's crew (a crew foot patrol
/// <c>{unit}.{officer}</c>: that officer only). Officers on a shift in the period who attended nothing
/// count as zero, so the Gini shows work that went to a few.
/// </summary>
public static class WorkloadReport
{
    public static (List<WorkloadRow> Rows, List<TeamBalance> Teams) Build(
        IReadOnlyList<Attendance> attendances,
        DutyRota rota,
        IReadOnlyDictionary<string, Officer> officers,
        IReadOnlyDictionary<string, Unit> units)
    {
        ArgumentNullException.ThrowIfNull(attendances);
        ArgumentNullException.ThrowIfNull(rota);
        ArgumentNullException.ThrowIfNull(officers);
        ArgumentNullException.ThrowIfNull(units);
        var perUnit = new Dictionary<(string Shift, string Unit), int>();
        var perOfficer = new Dictionary<(string Shift, string Officer), int>();
        foreach (var attendance in attendances)
        {
            if (attendance.ArrivedAt is not { } arrived)
            {
                continue;
            }

            var dot = attendance.UnitId.IndexOf('.', StringComparison.Ordinal);
            var (unitId, footOfficer) = !units.ContainsKey(attendance.UnitId) && dot > 0
                ? (attendance.UnitId[..dot], attendance.UnitId[(dot + 1)..])
                : (attendance.UnitId, null);
            if (rota.ShiftOf(unitId, arrived) is not { } shift)
            {
                continue;
            }

            Count(perUnit, (shift.Id, attendance.UnitId));
            foreach (var member in shift.Crew.Where(c => footOfficer is null || c.OfficerId == footOfficer))
            {
                Count(perOfficer, (shift.Id, member.OfficerId));
            }
        }

        string OfficerTeam(string id) => officers.TryGetValue(id, out var o) && o.Team is { } team ? team : "(no team)";
        var rows = perUnit.Select(p => new WorkloadRow(p.Key.Shift, "unit", p.Key.Unit, DeploymentReport.TeamOf(p.Key.Unit, units), p.Value))
            .Concat(perOfficer.Select(p => new WorkloadRow(p.Key.Shift, "officer", p.Key.Officer, OfficerTeam(p.Key.Officer), p.Value)))
            .OrderBy(r => r.Shift, StringComparer.Ordinal).ThenBy(r => r.By, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        var totals = rota.Shifts.SelectMany(s => s.Crew).Select(c => c.OfficerId).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => perOfficer.Where(p => p.Key.Officer == id).Sum(p => p.Value), StringComparer.Ordinal);
        var teams = totals.GroupBy(t => OfficerTeam(t.Key), StringComparer.Ordinal)
            .Select(g => new TeamBalance(g.Key, g.Count(), g.Sum(t => t.Value), Statistics.Gini(g.Select(t => (double)t.Value))))
            .OrderBy(t => t.Team, StringComparer.Ordinal)
            .ToList();
        return (rows, teams);
    }

    private static void Count<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull => counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;
}
