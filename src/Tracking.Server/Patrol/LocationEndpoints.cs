using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Resources;
using Tracking.Core.Validation;
using Tracking.Storage.Maps;
using Tracking.Server.Security;

namespace Tracking.Server.Patrol;

/// <summary>
/// Supervisors add, change and retire priority locations. Every change is a new version from its
/// effective time on, so a report for last month uses the location as it was then; the live map
/// and live presence switch to the new version at once.
/// </summary>
internal static class LocationEndpoints
{
    public static WebApplication MapLocationApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/locations");

        api.MapPost("/", AddAsync)
            .WithName("AddLocation")
            .WithSummary("Adds a priority location: a GeoJSON polygon drawn on the map, or a point and radius, with its targets.")
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.PatrolPlanning);

        api.MapPut("/{id}", ChangeAsync)
            .WithName("ChangeLocation")
            .WithSummary("Changes a priority location from effectiveAt (default now): a new version; earlier reports keep the old one.")
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.PatrolPlanning);

        api.MapDelete("/{id}", RetireAsync)
            .WithName("RetireLocation")
            .WithSummary("Retires a priority location at ?at= (default now): gone from then on, kept for reports of earlier times.")
            .Produces(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.PatrolPlanning);

        api.MapGet("/{id}/history", HistoryAsync)
            .WithName("GetLocationHistory")
            .WithSummary("Every version of a priority location with the time each was valid, as GeoJSON.")
            .Produces(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.AnyRole);

        return app;
    }

    private static async Task<IResult> AddAsync(LocationRequest request, MapStore store, MapState maps, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var shape = ReadGeometry(request.Geometry, errors);
        CheckText(request, errors);
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["name is required."];
        }

        if (shape is null && !errors.ContainsKey("geometry"))
        {
            errors["geometry"] = ["geometry is required: a GeoJSON Polygon or MultiPolygon, or a Point with radius."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var location = new PriorityLocation(
            request.Id ?? "loc-" + Guid.NewGuid().ToString("N")[..12],
            request.Name!.Trim(),
            shape!,
            shape is Point ? request.Radius ?? 0 : 0,
            new PresenceTargets(request.VisitsPerDay, request.MinutesPerDay),
            request.EffectiveAt ?? time.GetUtcNow(),
            BeatId: string.IsNullOrEmpty(request.Beat) ? null : request.Beat);
        var result = await store.AddLocationAsync(location, cancellationToken);
        return await AnswerAsync(result, maps, created: true, cancellationToken);
    }

    private static async Task<IResult> ChangeAsync(string id, LocationRequest request, MapStore store, MapState maps, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var shape = ReadGeometry(request.Geometry, errors);
        CheckText(request, errors);
        if (request.Id is not null && request.Id != id)
        {
            errors["id"] = ["The id of a location cannot change; add a new location instead."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var changes = new LocationChanges(
            request.Name?.Trim(),
            shape,
            request.Radius,
            request.VisitsPerDay is null && request.MinutesPerDay is null ? null : new PresenceTargets(request.VisitsPerDay, request.MinutesPerDay),
            request.Beat);
        var result = await store.ChangeLocationAsync(id, changes, request.EffectiveAt ?? time.GetUtcNow(), cancellationToken);
        return await AnswerAsync(result, maps, created: false, cancellationToken);
    }

    private static async Task<IResult> RetireAsync(string id, DateTimeOffset? at, MapStore store, MapState maps, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await store.RetireLocationAsync(id, at ?? time.GetUtcNow(), cancellationToken);
        return await AnswerAsync(result, maps, created: false, cancellationToken);
    }

    private static async Task<IResult> HistoryAsync(string id, MapStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var history = await store.GetLocationHistoryAsync(id, cancellationToken);
        if (history.Count == 0)
        {
            return Results.NotFound(new { error = $"No priority location '{id}'." });
        }

        var features = new FeatureCollection();
        foreach (var version in history)
        {
            features.Add(LocationFeatures.ToFeature(version));
        }

        context.Response.ContentType = "application/geo+json";
        await JsonSerializer.SerializeAsync(context.Response.Body, features, LocationFeatures.GeoJson, cancellationToken);
        return Results.Empty;
    }

    private static async Task<IResult> AnswerAsync(LocationChangeResult result, MapState maps, bool created, CancellationToken cancellationToken)
    {
        switch (result.Status)
        {
            case LocationChangeStatus.Done:
                await maps.ReloadAsync(cancellationToken);
                var body = LocationFeatures.ToFeature(result.Location!);
                return created
                    ? Results.Json(body, LocationFeatures.GeoJson, "application/geo+json", StatusCodes.Status201Created)
                    : Results.Json(body, LocationFeatures.GeoJson, "application/geo+json");
            case LocationChangeStatus.Unchanged:
                return Results.Json(LocationFeatures.ToFeature(result.Location!), LocationFeatures.GeoJson, "application/geo+json");
            case LocationChangeStatus.NotFound:
                return Results.NotFound(new { error = string.Join(" ", result.Reasons) });
            case LocationChangeStatus.Conflict:
                return Results.Conflict(new { error = string.Join(" ", result.Reasons) });
            default:
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["location"] = [.. result.Reasons] });
        }
    }

    /// <summary>An id usable in a URL and a name, beat id the database can hold; SQL metacharacters in a name are just text.</summary>
    private static void CheckText(LocationRequest request, Dictionary<string, string[]> errors)
    {
        if (request.Id is { } id && !ResourceIds.IsValid(id))
        {
            errors["id"] = [$"id must be {ResourceIds.Rule}."];
        }

        if (request.Name is { } name && TextRules.Problem(name, TextRules.MaxNameLength) is { } nameProblem)
        {
            errors["name"] = ["name " + nameProblem + "."];
        }

        if (request.Beat is { } beat && TextRules.Problem(beat, TextRules.MaxNameLength) is { } beatProblem)
        {
            errors["beat"] = ["beat " + beatProblem + "."];
        }
    }

    private static Geometry? ReadGeometry(JsonElement? element, Dictionary<string, string[]> errors)
    {
        if (element is not { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } json)
        {
            return null;
        }

        try
        {
            var geometry = json.Deserialize<Geometry>(LocationFeatures.GeoJson);
            if (geometry is not (Polygon or MultiPolygon or Point))
            {
                errors["geometry"] = [$"geometry must be a GeoJSON Polygon, MultiPolygon or Point, not {geometry?.GeometryType ?? "nothing"}."];
                return null;
            }

            return geometry;
        }
        catch (JsonException exception)
        {
            errors["geometry"] = [$"geometry is not GeoJSON: {exception.Message}"];
            return null;
        }
    }
}
