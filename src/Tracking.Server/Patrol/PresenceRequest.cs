using System.Text.Json;

namespace Tracking.Server.Patrol;

/// <summary>
/// Body of <c>POST /api/presence</c>: an area (a GeoJSON Polygon or MultiPolygon, WGS84) or a
/// priority location's id, a period, optionally some devices and the presence rules in seconds.
/// </summary>
public sealed record PresenceRequest(
    JsonElement? Area,
    string? LocationId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<string>? Devices,
    double? MaxGap,
    double? Grace,
    double? MinDwell);
