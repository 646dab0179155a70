using System.Text.Json;

namespace Tracking.Server.Patrol;

/// <summary>
/// Body of <c>POST /api/locations</c> (a new priority location) and <c>PUT /api/locations/{id}</c>
/// (a change: fields left out stay as they are). <c>geometry</c> is a GeoJSON Polygon or
/// MultiPolygon drawn on the map, or a Point with <c>radius</c> in metres. <c>effectiveAt</c>
/// (default now) is when the new version starts; reports for earlier times keep the old one.
/// </summary>
public sealed record LocationRequest(
    string? Id,
    string? Name,
    JsonElement? Geometry,
    double? Radius,
    int? VisitsPerDay,
    double? MinutesPerDay,
    string? Beat,
    DateTimeOffset? EffectiveAt);
