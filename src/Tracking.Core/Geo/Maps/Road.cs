using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Maps;

/// <summary>
/// A road as the source data gives it (an OSM way, a GeoJSON LineString). Roads are joined
/// wherever they share a vertex with exactly the same coordinate, interior vertices included
/// (an OSM way's interior nodes are junctions with the ways that share them).
/// </summary>
/// <param name="Id">Identifier from the source (an OSM way id, a feature id).</param>
/// <param name="Name">Street name, if any.</param>
/// <param name="Class">Road class.</param>
/// <param name="SpeedMetresPerSecond">Driving speed: the posted limit when known, else the class default.</param>
/// <param name="OneWay">True when traffic may only go from the line's first point to its last.</param>
/// <param name="Line">The road's centre line in WGS84 lon/lat degrees.</param>
public sealed record Road(string Id, string? Name, RoadClass Class, double SpeedMetresPerSecond, bool OneWay, LineString Line);
