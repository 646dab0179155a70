using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// The map as the simulation uses it: the force map, its road network, every beat as a walkable area, and each station's
/// place on the road (where its vehicles park). Built once per run (a second or two for the demo area); immutable.
/// </summary>
internal sealed class WorldMap
{
    private WorldMap(ForceMap map, RoadNetwork network, IReadOnlyList<BeatArea> beats, IReadOnlyDictionary<string, RoadPosition> stations)
    {
        Map = map;
        Network = network;
        Beats = beats;
        StationRoads = stations;
    }

    public ForceMap Map { get; }

    public RoadNetwork Network { get; }

    public IReadOnlyList<BeatArea> Beats { get; }

    public IReadOnlyDictionary<string, RoadPosition> StationRoads { get; }

    /// <summary>The current version of every priority location, as places on the road.</summary>
    public IReadOnlyList<(PriorityLocation Location, RoadPosition Road)> LocationRoads { get; private init; } = [];

    public static WorldMap Load(string directory) => Build(ForceMapLoader.Load(directory));

    public static WorldMap Build(ForceMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var network = RoadNetwork.Build(map);
        var beats = map.Beats.Select(beat => BeatArea.Build(beat, network, map.Locations)).ToList();
        var stations = map.Stations.ToDictionary(s => s.Id, s => network.SnapLonLat(s.Position.X, s.Position.Y), StringComparer.Ordinal);
        var locations = map.Locations.Where(l => l.ValidTo is null)
            .Select(l => (l, network.SnapLonLat(l.Shape.Centroid.X, l.Shape.Centroid.Y))).ToList();
        return new WorldMap(map, network, beats, stations) { LocationRoads = locations };
    }

    public BeatArea Beat(string id) => Beats.First(b => b.Beat.Id == id);
}
