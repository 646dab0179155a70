using NetTopologySuite.Geometries;

namespace Tracking.MapGenerator;

/// <summary>A river (centre line or water surface) or lake, drawn on the map only.</summary>
/// <param name="Name">Name people read.</param>
/// <param name="Shape">LineString or Polygon in WGS84 lon/lat degrees (x = longitude).</param>
public sealed record WaterFeature(string Name, Geometry Shape);
