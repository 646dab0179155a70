using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// One area for an <see cref="AreaIndex"/>, in the map's projected metres (x = easting, y = northing).
/// </summary>
/// <param name="Id">The beat's or location's stable identifier.</param>
/// <param name="Kind">Beat or priority location.</param>
/// <param name="Metres">
/// A Polygon or MultiPolygon (holes allowed), or a Point with <paramref name="RadiusMetres"/> &gt; 0 for a circle,
/// in projected metres. The index copies the coordinates when it is built; changing the geometry afterwards does not
/// change the index.
/// </param>
/// <param name="RadiusMetres">The circle's radius in metres when <paramref name="Metres"/> is a Point; 0 for polygons.</param>
public sealed record IndexedArea(string Id, AreaKind Kind, Geometry Metres, double RadiusMetres = 0);
