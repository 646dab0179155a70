using System.Text.Json;
using NetTopologySuite.Features;
using Tracking.Core.Analytics;
using Tracking.Core.Fixes;
using Tracking.Core.Patrol;
using Tracking.Core.Resources;
using Tracking.Server.Command;
using Tracking.Server.Patrol;
using Tracking.Storage.Command;
using Tracking.Storage.Fixes;
using Tracking.Storage.Patrol;
using Tracking.Server.Security;

namespace Tracking.Server.Reports;

/// <summary>
/// The supervisors' reports, each as JSON or, with <c>format=csv</c>, a CSV download: patrol presence against
/// targets (and before/after), replay (GeoJSON or GPX 1.1), mileage and utilisation, response times,
/// self and multiple deployment, workload balance, demand against presence. Local days are Europe/London.
/// </summary>
internal static class ReportEndpoints
{
    private const int ReplayLimit = 200_000;

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/reports");
        api.MapGet("/presence", PresenceAsync).RequireAuthorization(Policies.Reports);
        api.MapGet("/presence/compare", CompareAsync).RequireAuthorization(Policies.Reports);
        api.MapGet("/replay", ReplayAsync).RequireAuthorization(Policies.TrackViewing)
            .RequireAuditedPurpose(AuditActions.ReplayView, context => context.Request.Query["device"].FirstOrDefault() ?? context.Request.Query["unit"].FirstOrDefault());
        api.MapGet("/mileage", MileageAsync).RequireAuthorization(Policies.Reports);
        api.MapGet("/response-times", ResponseTimesAsync).RequireAuthorization(Policies.Reports);
        api.MapGet("/deployments", DeploymentsAsync).RequireAuthorization(Policies.Reports);
        // Incidents attended per officer and shift: per-person figures, so audited.
        api.MapGet("/workload", WorkloadAsync).RequireAuthorization(Policies.Reports).RequireAuditedPurpose(AuditActions.WorkloadView, _ => null);
        api.MapGet("/demand", DemandAsync).RequireAuthorization(Policies.Reports);
    }

    private static bool Csv(string? format) => format == "csv";

    private static IResult? BadFormat(string? format, params string[] allowed) =>
        format is null || allowed.Contains(format) ? null : CommandError.BadRequest("format: one of " + string.Join(", ", allowed));

    private static async Task<IResult> PresenceAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? by, string? kind, string? format,
        ReportData data, VisitStore visits, CancellationToken token)
    {
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null)
        {
            return CommandError.BadRequest(problem);
        }

        if (BadFormat(format, "json", "csv") is { } bad)
        {
            return bad;
        }

        if (!Enum.TryParse<PresenceGrouping>(by ?? "none", ignoreCase: true, out var grouping) || int.TryParse(by, out _))
        {
            return CommandError.BadRequest("by: one of none, day, shift, team, unit, mode");
        }

        if (kind is not (null or AreaKeys.BeatKind or AreaKeys.LocationKind))
        {
            return CommandError.BadRequest("kind: beat or location (both when left out)");
        }

        var map = await data.MapAsync(period, token);
        var stays = await visits.ListBeganAsync(period.From, period.To, kind, token);
        var rows = PresenceReport.Build(stays, ReportData.Areas(map, kind), await data.RotaAsync(period, token), await data.UnitsAsync(token),
            LocalCalendar.London, period.From, period.To, grouping);
        return Csv(format)
            ? CsvReport.File("presence", ["areaKind", "areaId", "areaName", "group", "visits", "passes", "presenceMinutes", "targetVisits", "targetMinutes", "status"],
                rows, r => [r.AreaKind, r.AreaId, r.AreaName, r.Group, r.Visits, r.Passes, r.PresenceMinutes, r.TargetVisits, r.TargetMinutes, Name(r.Status)])
            : Results.Ok(new { from = period.From, to = period.To, by = Name(grouping), rows });
    }

    private static async Task<IResult> CompareAsync(
        DateTimeOffset? beforeFrom, DateTimeOffset? beforeTo, DateTimeOffset? afterFrom, DateTimeOffset? afterTo, string? kind, string? format,
        ReportData data, VisitStore visits, CancellationToken token)
    {
        var (before, problemBefore) = ReportPeriod.Parse(beforeFrom, beforeTo, "before");
        var (after, problemAfter) = ReportPeriod.Parse(afterFrom, afterTo, "after");
        if ((problemBefore ?? problemAfter) is { } problem)
        {
            return CommandError.BadRequest(problem);
        }

        if (kind is not (null or AreaKeys.BeatKind or AreaKeys.LocationKind) || BadFormat(format, "json", "csv") is not null)
        {
            return CommandError.BadRequest("kind: beat or location; format: json or csv");
        }

        var units = await data.UnitsAsync(token);
        async Task<Dictionary<(string, string), PresenceRow>> Rows(ReportPeriod period)
        {
            var map = await data.MapAsync(period, token);
            var stays = await visits.ListBeganAsync(period.From, period.To, kind, token);
            return PresenceReport.Build(stays, ReportData.Areas(map, kind), await data.RotaAsync(period, token), units, LocalCalendar.London, period.From, period.To, PresenceGrouping.None)
                .ToDictionary(r => (r.AreaKind, r.AreaId));
        }

        var first = await Rows(before);
        var second = await Rows(after);
        var rows = first.Keys.Union(second.Keys).Order().Select(key =>
        {
            first.TryGetValue(key, out var b);
            second.TryGetValue(key, out var a);
            var name = (a ?? b)!.AreaName;
            return new ComparisonRow(key.Item1, key.Item2, name, b?.Visits ?? 0, a?.Visits ?? 0, Statistics.ChangePercent(b?.Visits ?? 0, a?.Visits ?? 0),
                b?.PresenceMinutes ?? 0, a?.PresenceMinutes ?? 0, Statistics.ChangePercent(b?.PresenceMinutes ?? 0, a?.PresenceMinutes ?? 0));
        }).ToList();
        var total = new ComparisonRow("all", "all", "All areas", rows.Sum(r => r.VisitsBefore), rows.Sum(r => r.VisitsAfter),
            Statistics.ChangePercent(rows.Sum(r => r.VisitsBefore), rows.Sum(r => r.VisitsAfter)),
            rows.Sum(r => r.MinutesBefore), rows.Sum(r => r.MinutesAfter), Statistics.ChangePercent(rows.Sum(r => r.MinutesBefore), rows.Sum(r => r.MinutesAfter)));
        return Csv(format)
            ? CsvReport.File("presence-compare", ["areaKind", "areaId", "areaName", "visitsBefore", "visitsAfter", "visitsChangePercent", "minutesBefore", "minutesAfter", "minutesChangePercent"],
                rows.Append(total), r => [r.AreaKind, r.AreaId, r.AreaName, r.VisitsBefore, r.VisitsAfter, r.VisitsChangePercent, r.MinutesBefore, r.MinutesAfter, r.MinutesChangePercent])
            : Results.Ok(new { before, after, total, rows });
    }

    private static async Task<IResult> ReplayAsync(
        string? device, string? unit, DateTimeOffset? from, DateTimeOffset? to, string? format,
        ReportData data, FixQueries fixes, CancellationToken token)
    {
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null)
        {
            return CommandError.BadRequest(problem);
        }

        if ((device is null) == (unit is null) || (device is not null && !DeviceIds.IsValid(device)) || (unit is not null && !ResourceIds.IsValid(unit)))
        {
            return CommandError.BadRequest("give either device (a device id) or unit (a unit id)");
        }

        if (BadFormat(format, "geojson", "gpx") is { } bad)
        {
            return bad;
        }

        var tracks = new List<(string Device, IReadOnlyList<Fix> Fixes)>();
        if (device is not null)
        {
            tracks.Add((device, await fixes.TrackAsync(device, period.From, period.To, ReplayLimit, token)));
        }
        else
        {
            // The unit's devices while the rota gave them to it.
            var rota = await data.RotaAsync(period, token);
            var windows = rota.Shifts.Where(s => s.UnitId == unit && s.Start < period.To && s.End > period.From)
                .SelectMany(s => s.DeviceIds().Select(d => (Device: d, From: s.Start > period.From ? s.Start : period.From, To: s.End < period.To ? s.End : period.To)));
            foreach (var group in windows.GroupBy(w => w.Device, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var list = new List<Fix>();
                foreach (var window in group.OrderBy(w => w.From))
                {
                    list.AddRange(await fixes.TrackAsync(group.Key, window.From, window.To, ReplayLimit, token));
                }

                tracks.Add((group.Key, list));
            }
        }

        var name = device ?? unit!;
        if (format == "gpx")
        {
            return Results.File(GpxWriter.Write(name, tracks, TimeSpan.FromMinutes(5)), "application/gpx+xml", name + ".gpx");
        }

        return Results.Ok(new
        {
            type = "FeatureCollection",
            features = tracks.Select(t => new
            {
                type = "Feature",
                geometry = new { type = "LineString", coordinates = t.Fixes.Select(f => new[] { f.Longitude, f.Latitude }) },
                properties = new { device = t.Device, times = t.Fixes.Select(f => f.DeviceTime), speeds = t.Fixes.Select(f => f.Speed), truncated = t.Fixes.Count >= ReplayLimit },
            }),
        });
    }

    private static async Task<IResult> MileageAsync(
        DateTimeOffset? from, DateTimeOffset? to, double? underUsedBelow, string? format,
        ReportData data, ReferenceStore reference, VehicleDays vehicleDays, CancellationToken token)
    {
        var (asked, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null || BadFormat(format, "json", "csv") is not null || underUsedBelow is < 0 or > 24)
        {
            return CommandError.BadRequest(problem ?? "format: json or csv; underUsedBelow: hours a day, 0-24");
        }

        // Figures are per local day, each day measured on its own: the period is taken as the whole days it touches.
        var (first, last) = (LocalCalendar.London.Day(asked.From), LocalCalendar.London.Day(asked.To.AddTicks(-1)));
        var period = new ReportPeriod(LocalCalendar.London.Start(first), LocalCalendar.London.End(last));
        var vehicles = (await reference.ListDevicesAsync(token)).Where(d => d.Kind == DeviceKind.VehicleTracker).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var projection = (await data.MapAsync(period, token)).Projection;
        var use = await vehicleDays.MeasureAsync(vehicles.Keys, first, last, projection, token);
        var rota = await data.RotaAsync(period, token);
        var (days, underUsed) = MileageReport.Build(vehicles, use, rota.Shifts, LocalCalendar.London, period.From, period.To, underUsedBelow ?? 1);
        return Csv(format)
            ? CsvReport.File("mileage", ["vehicle", "name", "day", "distanceKm", "movingHours", "idlingHours", "parkedHours", "shiftsUsed"],
                days, r => [r.Vehicle, r.Name, r.Day, r.DistanceKm, r.MovingHours, r.IdlingHours, r.ParkedHours, r.ShiftsUsed])
            : Results.Ok(new { from = period.From, to = period.To, days, underUsed });
    }

    private static async Task<IResult> ResponseTimesAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? format,
        IncidentStore incidents, IncidentPlaces places, Microsoft.Extensions.Options.IOptions<CommandOptions> options, TimeProvider time, CancellationToken token)
    {
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null || BadFormat(format, "json", "csv") is not null)
        {
            return CommandError.BadRequest(problem ?? "format: json or csv");
        }

        var list = await incidents.ListAsync(null, period.From, period.To, token);
        var attendances = await incidents.ListAttendancesAsync(period.From, period.To, token);
        var where = list.ToDictionary(i => i.Id, i => places.Of(i.Longitude, i.Latitude), StringComparer.Ordinal);
        var rows = ResponseReport.Build(list, attendances, where, options.Value.Targets, time.GetUtcNow());
        return Csv(format)
            ? CsvReport.File("response-times", ["grade", "by", "group", "incidents", "attended", "medianMinutes", "percentile90Minutes", "withinTarget", "missed"],
                rows, r => [r.Grade, r.By, r.Group, r.Incidents, r.Attended, r.MedianMinutes, r.Percentile90Minutes, r.WithinTarget, r.Missed])
            : Results.Ok(new { from = period.From, to = period.To, rows });
    }

    private static async Task<IResult> DeploymentsAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? format, ReportData data, IncidentStore incidents, CancellationToken token)
    {
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null || BadFormat(format, "json", "csv") is not null)
        {
            return CommandError.BadRequest(problem ?? "format: json or csv");
        }

        var rows = DeploymentReport.Build(await incidents.ListAttendancesAsync(period.From, period.To, token), await data.UnitsAsync(token));
        return Csv(format)
            ? CsvReport.File("deployments", ["by", "id", "attended", "selfDeployed", "multipleDeployments"], rows, r => [r.By, r.Id, r.Attended, r.SelfDeployed, r.MultipleDeployments])
            : Results.Ok(new { from = period.From, to = period.To, rows });
    }

    private static async Task<IResult> WorkloadAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? format, string? part, ReportData data, IncidentStore incidents, CancellationToken token)
    {
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null || BadFormat(format, "json", "csv") is not null || part is not (null or "shifts" or "teams"))
        {
            return CommandError.BadRequest(problem ?? "format: json or csv; part (CSV): shifts or teams");
        }

        var (rows, teams) = WorkloadReport.Build(await incidents.ListAttendancesAsync(period.From, period.To, token), await data.RotaAsync(period, token),
            await data.OfficersAsync(token), await data.UnitsAsync(token));
        if (Csv(format))
        {
            return part == "teams"
                ? CsvReport.File("workload-teams", ["team", "officers", "attended", "gini"], teams, t => [t.Team, t.Officers, t.Attended, t.Gini])
                : CsvReport.File("workload", ["shift", "by", "id", "team", "attended"], rows, r => [r.Shift, r.By, r.Id, r.Team, r.Attended]);
        }

        return Results.Ok(new { from = period.From, to = period.To, rows, teams });
    }

    private static async Task<IResult> DemandAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? format, ReportData data, IncidentStore incidents, VisitStore visits, IncidentPlaces places, CancellationToken token)
    {
        var (period, problem) = ReportPeriod.Parse(from, to);
        if (problem is not null || BadFormat(format, "json", "csv", "geojson") is not null)
        {
            return CommandError.BadRequest(problem ?? "format: json, csv or geojson");
        }

        var map = await data.MapAsync(period, token);
        var list = await incidents.ListAsync(null, period.From, period.To, token);
        var stays = await visits.ListBeganAsync(period.From, period.To, AreaKeys.BeatKind, token);
        var rows = DemandReport.Build([.. map.Beats.Select(b => (b.Id, b.Name))], list.Select(i => places.Of(i.Longitude, i.Latitude).Beat), stays, period.From, period.To);
        if (format == "geojson")
        {
            // For a choropleth: each beat's polygon with its figures.
            var byId = rows.ToDictionary(r => r.Beat, StringComparer.Ordinal);
            var collection = new FeatureCollection();
            foreach (var beat in map.Beats)
            {
                var row = byId[beat.Id];
                collection.Add(new Feature(beat.Area, new AttributesTable
                {
                    { "id", beat.Id }, { "name", beat.Name }, { "incidents", row.Incidents }, { "presenceMinutes", row.PresenceMinutes },
                    { "incidentsPerPresenceHour", row.IncidentsPerPresenceHour },
                }));
            }

            return Results.Text(JsonSerializer.Serialize(collection, LocationFeatures.GeoJson), "application/geo+json");
        }

        return Csv(format)
            ? CsvReport.File("demand", ["beat", "name", "incidents", "presenceMinutes", "incidentsPerPresenceHour"], rows, r => [r.Beat, r.Name, r.Incidents, r.PresenceMinutes, r.IncidentsPerPresenceHour])
            : Results.Ok(new { from = period.From, to = period.To, rows });
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
