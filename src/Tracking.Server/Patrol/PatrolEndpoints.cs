using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using Tracking.Core.Fixes;
using Tracking.Core.Geo.Matching;
using Tracking.Core.Duty;
using Tracking.Core.Patrol;
using Tracking.Storage.Tracks;
using Tracking.Storage.Maps;
using Tracking.Server.Security;

namespace Tracking.Server.Patrol;

/// <summary>The REST API of the geospatial engine: the map's areas, live open stays and retrospective presence.</summary>
internal static class PatrolEndpoints
{
    /// <summary>Longest period one presence question may cover.</summary>
    public static readonly TimeSpan MaxPresencePeriod = TimeSpan.FromDays(92);

    /// <summary>Most vertices an area drawn for a presence question may have.</summary>
    public const int MaxAreaVertices = 10_000;

    public static WebApplication MapPatrolApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/locations", GetLocationsAsync)
            .WithName("GetLocations")
            .WithSummary("Micro-beats and priority locations (with their targets) as GeoJSON; ?at= gives the locations as they were then.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .RequireAuthorization(Policies.AnyRole);

        api.MapGet("/visits/open", GetOpenStays)
            .WithName("GetOpenVisits")
            .WithSummary("Stays still open in live presence: which device is in which beat or priority location since when.")
            .RequireAuthorization(Policies.LiveOperations);

        api.MapGet("/patrol/stats", GetStats)
            .WithName("GetPatrolStats")
            .WithSummary("The map in use and the patrol stage's counters: fixes matched, dropped and late, stays open, stored and dropped.")
            .RequireAuthorization(Policies.Administration);

        api.MapPost("/presence", PostPresenceAsync)
            .WithName("GetPresence")
            .WithSummary("Retrospective presence of stored tracks in any area (GeoJSON Polygon/MultiPolygon or a location id) over a period.")
            .ProducesValidationProblem()
            .RequireAuthorization(Policies.Reports)
            // Per-device stays with their times: where individuals were, so audited like a track.
            .RequireAuditedPurpose(AuditActions.PresenceView, _ => null);

        return app;
    }

    private static async Task<IResult> GetLocationsAsync(DateTimeOffset? at, MapState maps, MapStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var snapshot = maps.Current;
        var map = at is null ? snapshot.Map : await store.LoadAsync(at, cancellationToken) ?? MapSnapshot.Empty.Map;
        var validAt = at ?? snapshot.ValidAt;
        var features = new FeatureCollection();
        foreach (var beat in map.Beats)
        {
            features.Add(LocationFeatures.ToFeature(beat));
        }

        foreach (var location in map.Locations.Where(l => l.IsValidAt(validAt)))
        {
            features.Add(LocationFeatures.ToFeature(location));
        }

        context.Response.ContentType = "application/geo+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, features, LocationFeatures.GeoJson, cancellationToken);
        return Results.Empty;
    }

    private static PatrolStats GetStats(MapState maps, PatrolStage patrol, VisitWriter visits)
    {
        var snapshot = maps.Current;
        var beats = snapshot.Index.Areas.Count(a => a.Kind == AreaKind.Beat);
        return new PatrolStats(
            snapshot.Map.Name,
            snapshot.ValidAt,
            beats,
            snapshot.Index.Areas.Count - beats,
            patrol.ProcessedFixes,
            patrol.DroppedFixes,
            patrol.LateFixes,
            patrol.Presence.DeviceCount,
            patrol.Presence.AllOpenStays().Sum(d => d.Stays.Count),
            visits.StoredStays,
            visits.DroppedStays);
    }

    private static IEnumerable<OpenStayView> GetOpenStays(PatrolStage patrol)
    {
        foreach (var (device, stays) in patrol.Presence.AllOpenStays().OrderBy(d => d.DeviceId, StringComparer.Ordinal))
        {
            foreach (var stay in stays)
            {
                var (kind, id) = AreaKeys.Parse(stay.AreaKey);
                yield return new OpenStayView(device, kind, id, stay.Enter, stay.Exit, stay.InsideSeconds);
            }
        }
    }

    private static async Task<IResult> PostPresenceAsync(
        PresenceRequest request, MapState maps, MapStore store, PresenceQuery query, Reports.ReportData reports,
        Microsoft.Extensions.Options.IOptions<PatrolOptions> options, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckRules(request, errors);

        if (request.From is not { } from || request.To is not { } to)
        {
            errors["from"] = ["from and to are required (ISO 8601 with a zone)."];
            return Results.ValidationProblem(errors);
        }

        if (from >= to)
        {
            errors["from"] = ["from must be before to."];
        }
        else if (to - from > MaxPresencePeriod)
        {
            errors["to"] = [$"A period may cover at most {MaxPresencePeriod.TotalDays} days."];
        }

        if (request.Devices is { } devices && devices.FirstOrDefault(d => !DeviceIds.IsValid(d)) is { } badDevice)
        {
            errors["devices"] = [$"'{badDevice}' is not a device id (1-64 characters of A-Z a-z 0-9 _ . -)."];
        }

        var snapshot = maps.Current;
        var versions = new List<(Geometry, double, DateTimeOffset, DateTimeOffset?)>();
        string areaName;
        var hasArea = request.Area is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
        if (hasArea == (request.LocationId is not null))
        {
            errors["area"] = ["Give either area (a GeoJSON Polygon or MultiPolygon) or locationId, not both."];
            areaName = "";
        }
        else if (request.LocationId is { } locationId)
        {
            areaName = AreaKeys.Location(locationId);
            var history = await store.GetLocationHistoryAsync(locationId, cancellationToken);
            if (history.Count == 0)
            {
                return Results.NotFound(new { error = $"No priority location '{locationId}'." });
            }

            versions.AddRange(history.Select(v => (v.Shape, v.RadiusMetres, v.ValidFrom, v.ValidTo)));
        }
        else
        {
            areaName = "drawn";
            if (ParseArea(request.Area!.Value, out var polygon) is { } problem)
            {
                errors["area"] = [problem];
            }
            else
            {
                versions.Add((polygon!, 0, DateTimeOffset.MinValue, null));
            }
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var defaults = options.Value;
        var rules = new PresenceRules(
            request.MaxGap is { } maxGap ? TimeSpan.FromSeconds(maxGap) : defaults.MaxGap,
            request.Grace is { } grace ? TimeSpan.FromSeconds(grace) : defaults.Grace,
            request.MinDwell is { } minDwell ? TimeSpan.FromSeconds(minDwell) : defaults.MinDwell);
        var stays = await query.ComputeAsync(
            areaName, versions, snapshot.Map.Projection, from, to, request.Devices?.Distinct(StringComparer.Ordinal).ToList(), rules, cancellationToken);
        // The unit of each stay is the one the rota gave its device when it came.
        var rota = await reports.RotaAsync(new Reports.ReportPeriod(from, to), cancellationToken);
        return Results.Ok(Summarise(areaName, from, to, stays, rota));
    }

    internal static PresenceResponse Summarise(string area, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Stay> stays, DutyRota rota)
    {
        var ordered = stays.OrderBy(s => s.Enter).ThenBy(s => s.DeviceId, StringComparer.Ordinal).ToList();
        StayView View(Stay stay) => new(stay.DeviceId, rota.Attribute(stay.DeviceId, stay.Enter)?.UnitId, stay.Enter, stay.Exit, stay.InsideSeconds);
        var visits = ordered.Where(s => s.IsVisit).Select(View).ToList();
        var passes = ordered.Where(s => !s.IsVisit).Select(View).ToList();
        var devices = ordered
            .GroupBy(s => s.DeviceId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DevicePresenceView(g.Key, g.Sum(s => s.InsideSeconds), g.Count(s => s.IsVisit), g.Count(s => !s.IsVisit)))
            .ToList();
        return new PresenceResponse(area, from, to, ordered.Sum(s => s.InsideSeconds), visits.Count, passes.Count, visits, passes, devices);
    }

    private static void CheckRules(PresenceRequest request, Dictionary<string, string[]> errors)
    {
        if (request.MaxGap is { } maxGap && (!double.IsFinite(maxGap) || maxGap <= 0 || maxGap > TrackChunks.LongestSegment.TotalSeconds))
        {
            errors["maxGap"] = [$"maxGap is seconds, more than 0 and at most {TrackChunks.LongestSegment.TotalSeconds}."];
        }

        if (request.Grace is { } grace && (!double.IsFinite(grace) || grace < 0 || grace > 3600))
        {
            errors["grace"] = ["grace is seconds, 0 to 3600."];
        }

        if (request.MinDwell is { } minDwell && (!double.IsFinite(minDwell) || minDwell < 0 || minDwell > 86_400))
        {
            errors["minDwell"] = ["minDwell is seconds, 0 to 86400."];
        }
    }

    private static string? ParseArea(JsonElement element, out Geometry? area)
    {
        area = null;
        Geometry? geometry;
        try
        {
            geometry = element.Deserialize<Geometry>(LocationFeatures.GeoJson);
        }
        catch (JsonException exception)
        {
            return $"area is not GeoJSON: {exception.Message}";
        }

        if (geometry is not (Polygon or MultiPolygon))
        {
            return $"area must be a GeoJSON Polygon or MultiPolygon, not {geometry?.GeometryType ?? "nothing"}.";
        }

        if (geometry.NumPoints > MaxAreaVertices)
        {
            return $"area has {geometry.NumPoints} vertices; at most {MaxAreaVertices}.";
        }

        if (MapValidation.CheckArea(geometry) is { } problem)
        {
            return $"area: {problem}.";
        }

        area = geometry;
        return null;
    }
}
