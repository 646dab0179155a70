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
    private MapSnapshot(ForceMap map, DateTimeOffset validAt, AreaIndex index, PresenceAreaSet presence, string[] keys)
    {
        Map = map;
        ValidAt = validAt;
        Index = index;
        Presence = presence;
        Keys = keys;
    }

    /// <summary>A snapshot with no map loaded: nothing matches.</summary>
    public static MapSnapshot Empty { get; } = Build(
        new ForceMap("none", Core.Geo.MapProjection.Local(0, 0), [], [], [], []), DateTimeOffset.MinValue);

    public ForceMap Map { get; }

    /// <summary>The time whose location versions the snapshot holds.</summary>
    public DateTimeOffset ValidAt { get; }

    public AreaIndex Index { get; }

    public PresenceAreaSet Presence { get; }

    /// <summary>The presence key of each area of <see cref="Index"/>, by index.</summary>
    public IReadOnlyList<string> Keys { get; }

    public static MapSnapshot Build(ForceMap map, DateTimeOffset validAt)
    {
        ArgumentNullException.ThrowIfNull(map);
        var indexed = new List<IndexedArea>();
        var presence = new List<PresenceArea>();
        var keys = new List<string>();
        foreach (var beat in map.Beats)
        {
            var metres = map.Projection.Project(beat.Area);
            indexed.Add(new IndexedArea(beat.Id, AreaKind.Beat, metres));
            var key = AreaKeys.Beat(beat.Id);
            presence.Add(new PresenceArea(key, AreaShape.FromGeometry(metres)));
            keys.Add(key);
        }

        foreach (var location in map.Locations)
        {
            if (!location.IsValidAt(validAt))
            {
                continue;
            }

            var metres = map.Projection.Project(location.Shape);
            indexed.Add(new IndexedArea(location.Id, AreaKind.Location, metres, location.RadiusMetres));
            var key = AreaKeys.Location(location.Id);
            presence.Add(new PresenceArea(key, AreaShape.FromGeometry(metres, location.RadiusMetres)));
            keys.Add(key);
        }

        return new MapSnapshot(map, validAt, AreaIndex.Build(indexed), new PresenceAreaSet(presence), [.. keys]);
    }
}
