using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Geo.Routing;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// The force's road graph (<see cref="RoadGraph"/>) with what a driver needs beyond travel times: the shape of every
/// directed edge, points along it, and the fastest route between two places on the network that keeps to the direction
/// of one-way streets. Metres in the map's projection, x east, y north. Immutable once built: thread-safe.
/// </summary>
internal sealed class RoadNetwork
{
    private readonly EdgeShape[] _shapes;
    private readonly double[] _cumulativeLength;
    private readonly double _maxSpeed;

    private RoadNetwork(RoadGraph graph, EdgeShape[] shapes)
    {
        Graph = graph;
        _shapes = shapes;
        _cumulativeLength = new double[graph.EdgeCount + 1];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            _cumulativeLength[e + 1] = _cumulativeLength[e] + graph.EdgeLength(e);
            _maxSpeed = Math.Max(_maxSpeed, graph.EdgeSpeed(e));
        }
    }

    public RoadGraph Graph { get; }

    public MapProjection Projection => Graph.Projection;

    public static RoadNetwork Build(ForceMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (map.Roads.Count == 0)
        {
            throw new ArgumentException($"The map '{map.Name}' has no roads: the simulated fleet drives the road network.", nameof(map));
        }

        var graph = RoadGraph.Build(map.Roads, map.Projection);
        return new RoadNetwork(graph, Shapes(graph));
    }

    public EdgeShape Shape(int edge) => _shapes[edge];

    public (double X, double Y) PointAt(RoadPosition position) => _shapes[position.Edge].PointAt(position.Offset);

    public (double Longitude, double Latitude) LonLat(RoadPosition position)
    {
        var (x, y) = PointAt(position);
        return Projection.Unproject(x, y);
    }

    /// <summary>The nearest place on the network to a point in metres (in the road's drawn direction).</summary>
    public RoadPosition Snap(double x, double y)
    {
        var snap = Graph.Snap(x, y) ?? throw new InvalidOperationException("The road network is empty.");
        return new RoadPosition(snap.Edge, snap.Offset);
    }

    public RoadPosition SnapLonLat(double longitude, double latitude)
    {
        var (x, y) = Projection.Project(longitude, latitude);
        return Snap(x, y);
    }

    /// <summary>A place drawn uniformly along the length of the whole network.</summary>
    public RoadPosition RandomPosition(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var target = random.NextDouble() * _cumulativeLength[^1];
        var index = Array.BinarySearch(_cumulativeLength, target);
        var edge = Math.Clamp(index < 0 ? ~index - 1 : index, 0, Graph.EdgeCount - 1);
        return new RoadPosition(edge, Math.Clamp(target - _cumulativeLength[edge], 0, Graph.EdgeLength(edge)));
    }

    /// <summary>The same place seen from the opposite edge of a two-way road, or null on a one-way road.</summary>
    public RoadPosition? Opposite(RoadPosition position)
    {
        var reverse = Graph.ReverseOf(position.Edge);
        return reverse < 0 ? null : new RoadPosition(reverse, Math.Max(0, Graph.EdgeLength(reverse) - position.Offset));
    }

    /// <summary>
    /// The fastest route from <paramref name="from"/> to <paramref name="to"/>, driving every edge in its own direction.
    /// A moving vehicle carries on along its edge; a standing one (<paramref name="mayTurn"/>) may set off either way on a
    /// two-way road. The destination may be reached from either side of a two-way road. Null when there is no route.
    /// </summary>
    public List<RouteLeg>? Route(RoadPosition from, RoadPosition to, bool mayTurn)
    {
        var starts = new List<RoadPosition> { from };
        if (mayTurn && Opposite(from) is { } back)
        {
            starts.Add(back);
        }

        var goals = new List<RoadPosition> { to };
        if (Opposite(to) is { } other)
        {
            goals.Add(other);
        }

        // Straight along one edge, when the goal is ahead on it.
        List<RouteLeg>? best = null;
        var bestTime = double.PositiveInfinity;
        foreach (var start in starts)
        {
            foreach (var goal in goals)
            {
                if (start.Edge == goal.Edge && goal.Offset >= start.Offset)
                {
                    var time = (goal.Offset - start.Offset) / Graph.EdgeSpeed(start.Edge);
                    if (time < bestTime)
                    {
                        bestTime = time;
                        best = [new RouteLeg(start.Edge, start.Offset, goal.Offset)];
                    }
                }
            }
        }

        var path = Search(starts, goals, bestTime);
        return path ?? best;
    }

    /// <summary>Time to drive a route at the roads' speeds, seconds.</summary>
    public double Time(IEnumerable<RouteLeg> legs) => legs.Sum(leg => (leg.To - leg.From) / Graph.EdgeSpeed(leg.Edge));

    /// <summary>
    /// Dijkstra over nodes, seeded with the time to drive off each start edge and finished with the time to drive onto each
    /// goal edge; A* with the straight-line time at the network's top speed as the remaining-time bound. Returns a route
    /// only when it beats <paramref name="bound"/> (the same-edge drive already found).
    /// </summary>
    private List<RouteLeg>? Search(List<RoadPosition> starts, List<RoadPosition> goals, double bound)
    {
        var graph = Graph;
        var time = new Dictionary<int, double>();
        var via = new Dictionary<int, int>();          // node → the edge it was reached by, -1 for a start edge's head
        var firstLeg = new Dictionary<int, RoadPosition>();
        var done = new HashSet<int>();
        var queue = new PriorityQueue<int, double>();
        var goalByTail = new Dictionary<int, List<RoadPosition>>();
        foreach (var goal in goals)
        {
            var tail = graph.EdgeFrom(goal.Edge);
            if (!goalByTail.TryGetValue(tail, out var list))
            {
                goalByTail[tail] = list = [];
            }

            list.Add(goal);
        }

        // Any goal's point serves as the A* target: both goals are the same place.
        var (gx, gy) = PointAt(goals[0]);
        double Remaining(int node) => Math.Sqrt(Square(graph.NodeX(node) - gx) + Square(graph.NodeY(node) - gy)) / _maxSpeed;

        foreach (var start in starts)
        {
            var head = graph.EdgeTo(start.Edge);
            var seconds = (graph.EdgeLength(start.Edge) - start.Offset) / graph.EdgeSpeed(start.Edge);
            if (!time.TryGetValue(head, out var known) || seconds < known)
            {
                time[head] = seconds;
                via[head] = -1;
                firstLeg[head] = start;
                queue.Enqueue(head, seconds + Remaining(head));
            }
        }

        var bestTime = bound;
        var bestNode = -1;
        RoadPosition bestGoal = default;
        while (queue.TryDequeue(out var node, out var priority))
        {
            if (priority >= bestTime)
            {
                break;
            }

            if (!done.Add(node))
            {
                continue;
            }

            var nodeTime = time[node];
            if (goalByTail.TryGetValue(node, out var reached))
            {
                foreach (var goal in reached)
                {
                    var total = nodeTime + (goal.Offset / graph.EdgeSpeed(goal.Edge));
                    if (total < bestTime)
                    {
                        bestTime = total;
                        bestNode = node;
                        bestGoal = goal;
                    }
                }
            }

            foreach (var edge in graph.OutEdges(node))
            {
                var next = graph.EdgeTo(edge);
                var seconds = nodeTime + graph.EdgeTime(edge);
                if (!done.Contains(next) && (!time.TryGetValue(next, out var known) || seconds < known))
                {
                    time[next] = seconds;
                    via[next] = edge;
                    firstLeg.Remove(next);
                    queue.Enqueue(next, seconds + Remaining(next));
                }
            }
        }

        if (bestNode < 0)
        {
            return null;
        }

        var legs = new List<RouteLeg> { new(bestGoal.Edge, 0, bestGoal.Offset) };
        var at = bestNode;
        while (via[at] >= 0)
        {
            var edge = via[at];
            legs.Add(new RouteLeg(edge, 0, graph.EdgeLength(edge)));
            at = graph.EdgeFrom(edge);
        }

        var start0 = firstLeg[at];
        legs.Add(new RouteLeg(start0.Edge, start0.Offset, graph.EdgeLength(start0.Edge)));
        legs.Reverse();
        return legs;
    }

    /// <summary>
    /// The shape of every edge, rebuilt from the roads the way <see cref="RoadGraph"/> cuts them: each road is split at the
    /// vertices that are graph nodes, and the pieces are matched, in order, to the road's drawn-direction edges (checked by
    /// end nodes and length). A reverse edge walks its partner's shape backwards. An edge whose piece cannot be matched
    /// (a zero-length piece the graph dropped) gets the straight line between its nodes.
    /// </summary>
    private static EdgeShape[] Shapes(RoadGraph graph)
    {
        var nodes = new Dictionary<(double, double), int>();
        for (var n = 0; n < graph.NodeCount; n++)
        {
            nodes.TryAdd((graph.NodeX(n), graph.NodeY(n)), n);
        }

        var drawnByRoad = new List<int>[graph.Roads.Count];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var reverse = graph.ReverseOf(e);
            if (reverse < 0 || reverse > e)
            {
                (drawnByRoad[graph.RoadOf(e)] ??= []).Add(e);
            }
        }

        var shapes = new EdgeShape?[graph.EdgeCount];
        var xs = new List<double>();
        var ys = new List<double>();
        for (var r = 0; r < graph.Roads.Count; r++)
        {
            if (drawnByRoad[r] is not { } edges)
            {
                continue;
            }

            xs.Clear();
            ys.Clear();
            var line = graph.Roads[r].Line.CoordinateSequence;
            Coordinate? previous = null;
            for (var i = 0; i < line.Count; i++)
            {
                var c = line.GetCoordinate(i);
                if (previous is not null && previous.X == c.X && previous.Y == c.Y)
                {
                    continue;
                }

                previous = c;
                var (x, y) = graph.Projection.Project(c.X, c.Y);
                xs.Add(x);
                ys.Add(y);
            }

            var cursor = 0;
            foreach (var edge in edges)
            {
                while (cursor < xs.Count - 1)
                {
                    var end = cursor + 1;
                    while (end < xs.Count - 1 && !nodes.ContainsKey((xs[end], ys[end])))
                    {
                        end++;
                    }

                    var piece = new EdgeShape([.. xs.GetRange(cursor, end - cursor + 1)], [.. ys.GetRange(cursor, end - cursor + 1)]);
                    var matches = nodes.TryGetValue((xs[cursor], ys[cursor]), out var tail) && tail == graph.EdgeFrom(edge)
                        && nodes.TryGetValue((xs[end], ys[end]), out var head) && head == graph.EdgeTo(edge)
                        && Math.Abs(piece.Length - graph.EdgeLength(edge)) <= 1e-6 * Math.Max(1, piece.Length);
                    cursor = end;
                    if (matches)
                    {
                        shapes[edge] = piece;
                        break;
                    }
                }
            }
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var reverse = graph.ReverseOf(e);
            var drawn = reverse < 0 || reverse > e;
            if (drawn)
            {
                shapes[e] ??= Straight(graph, e);
            }
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            var reverse = graph.ReverseOf(e);
            if (reverse >= 0 && reverse < e)
            {
                shapes[e] = shapes[reverse]!.Reversed();
            }
        }

        return shapes!;
    }

    private static EdgeShape Straight(RoadGraph graph, int edge) =>
        new([graph.NodeX(graph.EdgeFrom(edge)), graph.NodeX(graph.EdgeTo(edge))],
            [graph.NodeY(graph.EdgeFrom(edge)), graph.NodeY(graph.EdgeTo(edge))]);

    private static double Square(double value) => value * value;
}
