using Tracking.Core.Incidents;
using Tracking.Core.Resources;

namespace Tracking.Core.Analytics;

/// <summary>
/// Self-deployment (a unit at an open incident it was not sent to) and multiple deployment (more units at
/// the scene than were sent) counted by unit and by team. A crew foot patrol (<c>{unit}.{officer}</c>)
/// counts for its unit's team.
/// </summary>
public static class DeploymentReport
{
    public static List<DeploymentRow> Build(IReadOnlyList<Attendance> attendances, IReadOnlyDictionary<string, Unit> units)
    {
        ArgumentNullException.ThrowIfNull(attendances);
        ArgumentNullException.ThrowIfNull(units);
        var arrived = attendances.Where(a => a.ArrivedAt is not null).ToList();
        var multiple = attendances.GroupBy(a => a.IncidentId, StringComparer.Ordinal)
            .Where(g => g.Count(a => a.ArrivedAt is not null) > g.Count(a => a.AssignedAt is not null))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);

        var rows = arrived.GroupBy(a => a.UnitId, StringComparer.Ordinal)
            .Select(g => new DeploymentRow("unit", g.Key, g.Count(), g.Count(a => a.SelfDeployed), g.Count(a => multiple.Contains(a.IncidentId))))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var teams = rows.GroupBy(r => TeamOf(r.Id, units), StringComparer.Ordinal)
            .Select(g => new DeploymentRow("team", g.Key, g.Sum(r => r.Attended), g.Sum(r => r.SelfDeployed), g.Sum(r => r.MultipleDeployments)))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return [.. rows, .. teams];
    }

    /// <summary>The team of a unit, or of the unit a crew foot patrol belongs to.</summary>
    public static string TeamOf(string unitId, IReadOnlyDictionary<string, Unit> units)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        ArgumentNullException.ThrowIfNull(units);
        if (units.TryGetValue(unitId, out var unit) || (unitId.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot && units.TryGetValue(unitId[..dot], out unit)))
        {
            return unit.Team ?? "(no team)";
        }

        return "(no team)";
    }
}
