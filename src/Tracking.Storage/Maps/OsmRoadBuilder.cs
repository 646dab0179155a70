using System.Globalization;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// Makes roads from OSM nodes and ways, whichever file format they came from: one road per
/// drivable way, its nodes' coordinates in order, interior nodes kept so ways that share a node
/// join there. Ways are resolved at the end, since a file may list a way before its nodes.
/// Not thread-safe: one per file read.
/// </summary>
internal sealed class OsmRoadBuilder(string sourceName)
{
    private readonly OsmNodeTable _nodes = new();
    private readonly List<PendingWay> _ways = [];
    private readonly List<MapProblem> _problems = [];
    private int _skipped;

    public void AddNode(long id, double longitude, double latitude) => _nodes.Add(id, longitude, latitude);

    /// <summary>Takes a way; <paramref name="tag"/> gives a tag's value or null.</summary>
    public void AddWay(long id, long[] nodeIds, Func<string, string?> tag)
    {
        var highway = tag("highway");
        if (highway is null)
        {
            // Buildings, rivers, boundaries…: not roads, and not worth counting.
            return;
        }

        var (kind, roadClass) = RoadTags.Classify(highway);
        if (kind != RoadTags.Kind.Drivable || tag("area") == "yes")
        {
            _skipped++;
            if (kind == RoadTags.Kind.Unknown)
            {
                Problem(id, $"unknown highway '{highway}'");
            }

            return;
        }

        var (oneWay, reverse) = RoadTags.Direction(tag("oneway"), RoadTags.ImpliesOneWay(highway, tag("junction")));
        _ways.Add(new PendingWay(id, nodeIds, roadClass, tag("name") ?? tag("ref"), RoadTags.Speed(roadClass, tag("maxspeed")), oneWay, reverse));
    }

    public void Problem(long wayId, string message) =>
        _problems.Add(new MapProblem(sourceName, string.Create(CultureInfo.InvariantCulture, $"way {wayId}"), message));

    public MapReadResult<Road> Build()
    {
        var roads = new List<Road>(_ways.Count);
        foreach (var way in _ways)
        {
            // Split the way where its nodes leave the extract: joining the parts across the gap would
            // draw a straight road that does not exist.
            var parts = new List<List<Coordinate>>();
            List<Coordinate>? current = null;
            var missing = 0;
            foreach (var nodeId in way.NodeIds)
            {
                if (!_nodes.TryGet(nodeId, out var longitude, out var latitude))
                {
                    missing++;
                    current = null;
                    continue;
                }

                if (current is null)
                {
                    current = [];
                    parts.Add(current);
                }

                var coordinate = new Coordinate(longitude, latitude);
                if (current.Count == 0 || !current[^1].Equals2D(coordinate))
                {
                    current.Add(coordinate);
                }
            }

            var kept = parts.Where(p => p.Count >= 2).ToList();
            if (kept.Count == 0)
            {
                _skipped++;
                Problem(way.Id, missing > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"{missing} of {way.NodeIds.Length} nodes are not in the extract; no part of 2 or more nodes is left, skipped")
                    : "fewer than 2 distinct nodes, skipped");
                continue;
            }

            if (missing > 0)
            {
                Problem(way.Id, string.Create(CultureInfo.InvariantCulture, $"{missing} of {way.NodeIds.Length} nodes are not in the extract; kept {kept.Count} part(s) inside it"));
            }

            for (var i = 0; i < kept.Count; i++)
            {
                var coordinates = kept[i].ToArray();
                if (way.Reverse)
                {
                    Array.Reverse(coordinates);
                }

                var id = i == 0
                    ? way.Id.ToString(CultureInfo.InvariantCulture)
                    : string.Create(CultureInfo.InvariantCulture, $"{way.Id}#{i + 1}");
                roads.Add(new Road(id, way.Name, way.Class, way.Speed, way.OneWay, MapGeometry.Factory.CreateLineString(coordinates)));
            }
        }

        return new MapReadResult<Road>(roads, _problems, _skipped);
    }

    private sealed record PendingWay(long Id, long[] NodeIds, RoadClass Class, string? Name, double Speed, bool OneWay, bool Reverse);
}
