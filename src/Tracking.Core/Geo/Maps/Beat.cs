using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Maps;

/// <summary>
/// A micro-beat: a small patrol area. Beats tile the force area; a fix is in at most one.
/// </summary>
/// <param name="Id">Stable identifier, as in the source data.</param>
/// <param name="Name">Name people read.</param>
/// <param name="Area">Polygon or MultiPolygon in WGS84 lon/lat degrees.</param>
/// <param name="Team">The neighbourhood team that owns the beat, if known.</param>
/// <param name="Station">The id of the station the beat is policed from, if known.</param>
public sealed record Beat(string Id, string Name, Geometry Area, string? Team = null, string? Station = null);
