using System.Text.Json;
using NetTopologySuite.Features;
using Tracking.Core.Geo.Maps;
using Tracking.Server.Patrol;

namespace Tracking.Server.Web;

/// <summary>
/// The roads, stations and water of the map in use as GeoJSON FeatureCollections (RFC 7946, [lon, lat]), for the live
/// map's base layers. Each is serialised once per map and kept until the map in use changes. Thread-safe: readers
/// race only to build the same bytes, and the last one written wins.
/// </summary>
internal sealed class MapLayers(MapState maps)
{
    private Layer? _roads;
    private Layer? _stations;
    private Layer? _water;

    /// <summary>One Feature per road: its centre line, <c>id</c>, <c>name</c>, <c>highway</c> (the OpenStreetMap class), <c>speed</c> (m/s) and <c>oneWay</c> (true: only from its first point to its last).</summary>
    public byte[] Roads() => Get(ref _roads, map => map.Roads.Select(road => new Feature(road.Line, new AttributesTable
    {
        { "id", road.Id },
        { "name", road.Name },
        { "highway", RoadClasses.ToOsmHighway(road.Class) },
        { "speed", road.SpeedMetresPerSecond },
        { "oneWay", road.OneWay },
    })));

    /// <summary>One Point Feature per police station, with <c>id</c> and <c>name</c>.</summary>
    public byte[] Stations() => Get(ref _stations, map => map.Stations.Select(station => new Feature(station.Position, new AttributesTable
    {
        { "id", station.Id },
        { "name", station.Name },
    })));

    /// <summary>
    /// One Feature per river, canal or lake (<c>water.geojson</c> as imported): its surface or centre line, <c>id</c>
    /// and <c>name</c>. An empty collection for a map without water.
    /// </summary>
    public byte[] Water() => Get(ref _water, map => map.Water.Select(water => new Feature(water.Shape, new AttributesTable
    {
        { "id", water.Id },
        { "name", water.Name },
    })));

    private byte[] Get(ref Layer? cache, Func<ForceMap, IEnumerable<Feature>> features)
    {
        var map = maps.Current.Map;
        if (Volatile.Read(ref cache) is { } layer && ReferenceEquals(layer.Map, map))
        {
            return layer.Json;
        }

        var collection = new FeatureCollection();
        foreach (var feature in features(map))
        {
            collection.Add(feature);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(collection, LocationFeatures.GeoJson);
        Volatile.Write(ref cache, new Layer(map, json));
        return json;
    }

    private sealed record Layer(ForceMap Map, byte[] Json);
}
