using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using Tracking.Core.Geo.Maps;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// Where a foot officer may walk: a beat's polygon in metres and the streets that lie wholly inside it (walked either
/// way: one-way streets bind drivers, not pedestrians), as the largest connected network of them. A beat with too
/// little street inside it for a patrol (under <see cref="MinimumStreetMetres"/>) is walked across instead, in
/// straight lines that stay inside the polygon. Immutable once built; thread-safe.
/// </summary>
internal sealed class BeatArea
{
    public const double MinimumStreetMetres = 400;

    private static readonly GeometryFactory Factory = new();
    private readonly IPreparedGeometry _area;
    private readonly Dictionary<int, List<(int Neighbour, int Edge, bool Forward)>> _walks;
    private readonly List<int> _nodes;

    private BeatArea(Beat beat, Geometry area, Dictionary<int, List<(int, int, bool)>> walks, List<int> nodes, double streetMetres,
        IReadOnlyList<(double X, double Y)> locations)
    {
        Beat = beat;
        Area = area;
        _area = PreparedGeometryFactory.Prepare(area);
        _walks = walks;
        _nodes = nodes;
        StreetMetres = streetMetres;
        Locations = locations;
    }

    public Beat Beat { get; }

    /// <summary>The beat polygon in projected metres.</summary>
    public Geometry Area { get; }

    /// <summary>Length of the walkable street network inside the beat, metres.</summary>
    public double StreetMetres { get; }

    /// <summary>Whether officers walk the streets (true) or cross the area in straight lines (false).</summary>
    public bool HasStreets => StreetMetres >= MinimumStreetMetres;

    /// <summary>Centres (metres) of the priority locations inside the beat, where officers stop.</summary>
    public IReadOnlyList<(double X, double Y)> Locations { get; }

    /// <summary>The street nodes officers walk between (empty without streets).</summary>
    public IReadOnlyList<int> Nodes => _nodes;

    public static BeatArea Build(Beat beat, RoadNetwork network, IReadOnlyList<PriorityLocation> locations)
    {
        ArgumentNullException.ThrowIfNull(beat);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(locations);
        var area = network.Projection.Project(beat.Area);
        var prepared = PreparedGeometryFactory.Prepare(area);
        var graph = network.Graph;

        // Streets wholly inside: every vertex of the edge's shape, and every piece of it, in the polygon.
        var adjacency = new Dictionary<int, List<(int, int, bool)>>();
        var lengthOf = new Dictionary<int, double>();
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var reverse = graph.ReverseOf(e);
            if (reverse >= 0 && reverse < e)
            {
                continue; // the drawn edge stands for both directions
            }

            var shape = network.Shape(e);
            var coordinates = new Coordinate[shape.Count];
            for (var i = 0; i < shape.Count; i++)
            {
                coordinates[i] = new Coordinate(shape.X(i), shape.Y(i));
            }

            if (!prepared.Covers(Factory.CreateLineString(coordinates)))
            {
                continue;
            }

            var a = graph.EdgeFrom(e);
            var b = graph.EdgeTo(e);
            Add(adjacency, a, (b, e, true));
            Add(adjacency, b, (a, e, false));
            lengthOf[e] = shape.Length;
        }

        // Keep the largest connected piece, so every node can reach every other.
        var bestNodes = new List<int>();
        var bestLength = 0.0;
        var seen = new HashSet<int>();
        foreach (var start in adjacency.Keys.Order())
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var component = new List<int> { start };
            var edges = new HashSet<int>();
            var stack = new Stack<int>();
            stack.Push(start);
            while (stack.TryPop(out var node))
            {
                foreach (var (next, edge, _) in adjacency[node])
                {
                    edges.Add(edge);
                    if (seen.Add(next))
                    {
                        component.Add(next);
                        stack.Push(next);
                    }
                }
            }

            var length = edges.Sum(edge => lengthOf[edge]);
            if (length > bestLength)
            {
                bestLength = length;
                bestNodes = component;
            }
        }

        var keep = bestNodes.ToHashSet();
        var walks = adjacency.Where(entry => keep.Contains(entry.Key)).ToDictionary(entry => entry.Key, entry => entry.Value);
        bestNodes.Sort();

        var centres = new List<(double, double)>();
        foreach (var location in locations.Where(l => l.ValidTo is null))
        {
            var centre = network.Projection.Project(location.Shape.Centroid);
            if (prepared.Covers(centre))
            {
                centres.Add((centre.Coordinate.X, centre.Coordinate.Y));
            }
        }

        return new BeatArea(beat, area, walks, bestNodes, bestLength, centres);
    }

    public bool Contains(double x, double y) => _area.Covers(Factory.CreatePoint(new Coordinate(x, y)));

    /// <summary>Whether the straight line between two points stays inside the beat.</summary>
    public bool Covers(double x0, double y0, double x1, double y1) =>
        _area.Covers(Factory.CreateLineString([new Coordinate(x0, y0), new Coordinate(x1, y1)]));

    /// <summary>The street node nearest a point (the beat must have streets).</summary>
    public int NearestNode(RoadNetwork network, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = network.Graph;
        return _nodes.MinBy(n => Square(graph.NodeX(n) - x) + Square(graph.NodeY(n) - y));
    }

    /// <summary>A point drawn uniformly inside the polygon.</summary>
    public (double X, double Y) RandomPoint(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var envelope = Area.EnvelopeInternal;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var x = envelope.MinX + (random.NextDouble() * envelope.Width);
            var y = envelope.MinY + (random.NextDouble() * envelope.Height);
            if (Contains(x, y))
            {
                return (x, y);
            }
        }

        var inside = Area.InteriorPoint.Coordinate;
        return (inside.X, inside.Y);
    }

    /// <summary>The shortest walk along the beat's streets between two of its nodes, as segments at <paramref name="speed"/>.</summary>
    public List<PathSegment> WalkStreets(RoadNetwork network, int from, int to, double speed)
    {
        ArgumentNullException.ThrowIfNull(network);
        var distance = new Dictionary<int, double> { [from] = 0 };
        var via = new Dictionary<int, (int Previous, int Edge, bool Forward)>();
        var queue = new PriorityQueue<int, double>();
        var done = new HashSet<int>();
        queue.Enqueue(from, 0);
        while (queue.TryDequeue(out var node, out _))
        {
            if (!done.Add(node))
            {
                continue;
            }

            if (node == to)
            {
                break;
            }

            foreach (var (next, edge, forward) in _walks[node])
            {
                var d = distance[node] + network.Shape(edge).Length;
                if (!distance.TryGetValue(next, out var known) || d < known)
                {
                    distance[next] = d;
                    via[next] = (node, edge, forward);
                    queue.Enqueue(next, d);
                }
            }
        }

        var steps = new List<(int Edge, bool Forward)>();
        for (var at = to; at != from && via.TryGetValue(at, out var step); at = step.Previous)
        {
            steps.Add((step.Edge, step.Forward));
        }

        steps.Reverse();
        var segments = new List<PathSegment>();
        foreach (var (edge, forward) in steps)
        {
            var shape = forward ? network.Shape(edge) : network.Shape(edge).Reversed();
            for (var i = 1; i < shape.Count; i++)
            {
                // Off the driving graph: a pedestrian is not bound to the edge's direction, so no edge is recorded.
                segments.Add(new PathSegment(shape.X(i - 1), shape.Y(i - 1), shape.X(i), shape.Y(i), speed, -1, 0));
            }
        }

        return segments;
    }

    private static void Add(Dictionary<int, List<(int, int, bool)>> adjacency, int node, (int, int, bool) entry)
    {
        if (!adjacency.TryGetValue(node, out var list))
        {
            adjacency[node] = list = [];
        }

        list.Add(entry);
    }

    private static double Square(double value) => value * value;
}
