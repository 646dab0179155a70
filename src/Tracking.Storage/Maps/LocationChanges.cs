using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// What to change of a priority location; null leaves a field as it is. A new polygon shape sets
/// the radius to 0 unless one is given; an empty <paramref name="BeatId"/> clears the beat.
/// </summary>
/// <param name="Name">New name.</param>
/// <param name="Shape">New Polygon/MultiPolygon or Point, WGS84 lon/lat.</param>
/// <param name="RadiusMetres">New radius of a point location, metres.</param>
/// <param name="Targets">New targets (replaces both figures).</param>
/// <param name="BeatId">New beat id; "" for none.</param>
public sealed record LocationChanges(
    string? Name = null,
    Geometry? Shape = null,
    double? RadiusMetres = null,
    PresenceTargets? Targets = null,
    string? BeatId = null);
