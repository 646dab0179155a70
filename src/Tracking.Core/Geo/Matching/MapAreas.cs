using Tracking.Core.Geo.Maps;

namespace Tracking.Core.Geo.Matching;

/// <summary>A force map's beats and priority locations as <see cref="IndexedArea"/>s in the map's projected metres.</summary>
public static class MapAreas
{
    /// <summary>
    /// Every beat of <paramref name="map"/> (in map order), then every priority location version valid at
    /// <paramref name="at"/> (<see cref="PriorityLocation.IsValidAt"/>, in map order), projected with
    /// <see cref="ForceMap.Projection"/>. A point location becomes a circle of its radius, in the projection's metres.
    /// Ids are the beats' and locations' ids.
    /// </summary>
    public static IReadOnlyList<IndexedArea> FromForceMap(ForceMap map, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(map);
        var areas = new List<IndexedArea>(map.Beats.Count + map.Locations.Count);
        foreach (var beat in map.Beats)
        {
            areas.Add(new IndexedArea(beat.Id, AreaKind.Beat, map.Projection.Project(beat.Area)));
        }

        foreach (var location in map.Locations)
        {
            if (location.IsValidAt(at))
            {
                var radius = location.IsCircle ? location.RadiusMetres : 0;
                areas.Add(new IndexedArea(location.Id, AreaKind.Location, map.Projection.Project(location.Shape), radius));
            }
        }

        return areas;
    }

    /// <summary><see cref="FromForceMap"/> built into an <see cref="AreaIndex"/>: the snapshot to swap in when the map changes.</summary>
    public static AreaIndex BuildIndex(ForceMap map, DateTimeOffset at) => AreaIndex.Build(FromForceMap(map, at));
}
