using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Maps;

/// <summary>
/// One version of a neighbourhood priority location: a polygon, or a point with a radius,
/// with the presence it should get. A location that is changed gets a new version; reports
/// for a past period use the version that was valid then.
/// </summary>
/// <param name="Id">Stable identifier shared by all versions of the location.</param>
/// <param name="Name">Name people read.</param>
/// <param name="Shape">Polygon or MultiPolygon, or a Point, in WGS84 lon/lat degrees.</param>
/// <param name="RadiusMetres">For a point location the circle's radius in metres; 0 for polygons.</param>
/// <param name="Targets">Visits and minutes wanted per day.</param>
/// <param name="ValidFrom">Start of this version (inclusive, UTC); <see cref="DateTimeOffset.MinValue"/> when always valid.</param>
/// <param name="ValidTo">End of this version (exclusive, UTC); null while current.</param>
/// <param name="BeatId">The beat the location lies in, if known.</param>
public sealed record PriorityLocation(
    string Id,
    string Name,
    Geometry Shape,
    double RadiusMetres,
    PresenceTargets Targets,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo = null,
    string? BeatId = null)
{
    /// <summary>True when the location is a point with a radius rather than a polygon.</summary>
    public bool IsCircle => Shape is Point;

    /// <summary>True when this version was valid at <paramref name="time"/>.</summary>
    public bool IsValidAt(DateTimeOffset time) => time >= ValidFrom && (ValidTo is null || time < ValidTo);
}
