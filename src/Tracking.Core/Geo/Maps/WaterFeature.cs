using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Maps;

/// <summary>
/// A river, canal or lake, drawn on the map so a dispatcher can find their way around it. Nothing is measured
/// against it: roads already stop at the banks and only bridges cross.
/// </summary>
/// <param name="Id">Identifier from the source (a feature id, else the feature's place in its file).</param>
/// <param name="Name">The name people read ("River Soar"), if any.</param>
/// <param name="Shape">A water surface (Polygon, MultiPolygon) or a centre line (LineString, MultiLineString), WGS84 lon/lat degrees.</param>
public sealed record WaterFeature(string Id, string? Name, Geometry Shape);
