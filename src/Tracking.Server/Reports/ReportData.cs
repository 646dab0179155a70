using Tracking.Core.Analytics;
using Tracking.Core.Duty;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Patrol;
using Tracking.Core.Resources;
using Tracking.Server.Patrol;
using Tracking.Storage.Command;
using Tracking.Storage.Maps;

namespace Tracking.Server.Reports;

/// <summary>What several reports read: the rota, units and officers of a period, and the map's areas as they were.</summary>
internal sealed class ReportData(ReferenceStore reference, MapStore maps, MapState current)
{
    // Shifts are at most a day long: one that began a day before the period may still cover its start.
    private static readonly TimeSpan MaxShift = TimeSpan.FromDays(1);

    public async Task<DutyRota> RotaAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        new(await reference.ListShiftsAsync(period.From - MaxShift, period.To, cancellationToken));

    public async Task<Dictionary<string, Unit>> UnitsAsync(CancellationToken cancellationToken) =>
        (await reference.ListUnitsAsync(cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal);

    public async Task<Dictionary<string, Officer>> OfficersAsync(CancellationToken cancellationToken) =>
        (await reference.ListOfficersAsync(cancellationToken)).ToDictionary(o => o.Id, StringComparer.Ordinal);

    /// <summary>The map as it stood at the end of the period (locations retired before then are not in it).</summary>
    public async Task<ForceMap> MapAsync(ReportPeriod period, CancellationToken cancellationToken) =>
        await maps.LoadAsync(period.To.AddTicks(-1), cancellationToken) ?? current.Current.Map;

    /// <summary>The areas of the presence report: beats, priority locations, or both (kind null).</summary>
    public static List<PresenceReportArea> Areas(ForceMap map, string? kind)
    {
        var areas = new List<PresenceReportArea>();
        if (kind is null or AreaKeys.BeatKind)
        {
            areas.AddRange(map.Beats.Select(b => new PresenceReportArea(AreaKeys.Beat(b.Id), AreaKeys.BeatKind, b.Id, b.Name, PresenceTargets.None)));
        }

        if (kind is null or AreaKeys.LocationKind)
        {
            areas.AddRange(map.Locations.Select(l => new PresenceReportArea(AreaKeys.Location(l.Id), AreaKeys.LocationKind, l.Id, l.Name, l.Targets)));
        }

        return areas;
    }
}
