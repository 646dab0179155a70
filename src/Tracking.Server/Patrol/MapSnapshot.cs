using Tracking.Core.Geo.Maps;
using Tracking.Core.Geo.Matching;
using Tracking.Core.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>
/// The force map as the live pipeline uses it at one moment: the beats and the priority
/// locations valid then, projected once into the map's metres, indexed for matching a fix
/// (<see cref="AreaIndex"/>) and for clipping a segment (<see cref="PresenceAreaSet"/>).
/// Immutable; a changed map is a new snapshot swapped in whole.
/// </summary>
internal sealed class MapSnapshot
{
    private MapSnapshot(ForceMap map, DateTimeOffset validAt, AreaIndex index, PresenceAreaSet presence)
    {
        Map = map;
        ValidAt = validAt;
        Index = index;
        Presence = presence;
    }

    /// <summary>A snapshot with no map loaded: nothing matches.</summary>
    public static MapSnapshot Empty { get; } = Build(
        new ForceMap("none", Core.Geo.MapProjection.Local(0, 0), [], [], [], []), DateTimeOffset.MinValue);

    public ForceMap Map { get; }

    /// <summary>The time whose location versions the snapshot holds.</summary>
    public DateTimeOffset ValidAt { get; }

    public AreaIndex Index { get; }

    public PresenceAreaSet Presence { get; }

    public static MapSnapshot Build(ForceMap map, DateTimeOffset validAt)
    {
        ArgumentNullException.ThrowIfNull(map);
        var indexed = MapAreas.FromForceMap(map, validAt);
        var presence = new PresenceArea[indexed.Count];
        for (var i = 0; i < indexed.Count; i++)
        {
            var area = indexed[i];
            var key = area.Kind == AreaKind.Beat ? AreaKeys.Beat(area.Id) : AreaKeys.Location(area.Id);
            presence[i] = new PresenceArea(key, AreaShape.FromGeometry(area.Metres, area.RadiusMetres));
        }

        return new MapSnapshot(map, validAt, AreaIndex.Build(indexed), new PresenceAreaSet(presence));
    }
}
