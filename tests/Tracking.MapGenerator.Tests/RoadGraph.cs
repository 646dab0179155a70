using NetTopologySuite.Features;
using NetTopologySuite.Geometries;

namespace Tracking.MapGenerator.Tests;

/// <summary>
/// The directed graph a router would build from <c>roads.geojson</c>: a node per distinct vertex
/// (roads join where they share one), an edge per segment, both ways unless the road is one-way.
/// </summary>
internal sealed class RoadGraph
{
    public RoadGraph(IEnumerable<(LineString Line, bool OneWay)> roads)
    {
        foreach (var (line, oneWay) in roads)
        {
            var coordinates = line.Coordinates;
            for (var i = 1; i < coordinates.Length; i++)
            {
                var from = Node(coordinates[i - 1]);
                var to = Node(coordinates[i]);
                Forward[from].Add(to);
                Backward[to].Add(from);
                EdgeCount++;
                if (!oneWay)
                {
                    Forward[to].Add(from);
                    Backward[from].Add(to);
                    EdgeCount++;
                }
            }
        }
    }

    public Dictionary<(double X, double Y), int> Nodes { get; } = [];

    public List<List<int>> Forward { get; } = [];

    public List<List<int>> Backward { get; } = [];

    public int EdgeCount { get; }

    public static RoadGraph FromFeatures(IEnumerable<IFeature> roads) =>
        new(roads.Select(r => ((LineString)r.Geometry, r.Attributes.Exists("oneway") && (string)r.Attributes["oneway"] == "yes")));

    /// <summary>How many nodes a breadth-first search from <paramref name="start"/> reaches.</summary>
    public static int Reached(List<List<int>> successors, int start)
    {
        var seen = new bool[successors.Count];
        var queue = new Queue<int>([start]);
        seen[start] = true;
        var count = 1;
        while (queue.Count > 0)
        {
            foreach (var next in successors[queue.Dequeue()])
            {
                if (!seen[next])
                {
                    seen[next] = true;
                    count++;
                    queue.Enqueue(next);
                }
            }
        }

        return count;
    }

    private int Node(Coordinate coordinate)
    {
        if (!Nodes.TryGetValue((coordinate.X, coordinate.Y), out var node))
        {
            node = Nodes.Count;
            Nodes[(coordinate.X, coordinate.Y)] = node;
            Forward.Add([]);
            Backward.Add([]);
        }

        return node;
    }
}
