namespace Tracking.Core.Geo.Routing;

/// <summary>
/// One-to-many travel times to an incident over a <see cref="RoadGraph"/>: how long each
/// candidate (a unit's position) would take to reach the incident, driving the fastest route
/// that respects one-way streets.
/// </summary>
/// <remarks>
/// <para>
/// One Dijkstra search per incident, not one per candidate: it runs from the incident's snapped
/// position over the reversed graph, so each node's label is the time to drive from that node to
/// the incident; it stops as soon as every node a candidate can drive to first is settled. A
/// candidate's time is then its off-road distance at <see cref="TravelTimeOptions.OffRoadSpeed"/>,
/// plus driving from its snapped point to the end of its edge (forward only on a one-way road,
/// either end on a two-way one), plus that node's label, plus the incident's own off-road part.
/// A candidate on the incident's own edge may also drive straight there, when the direction allows.
/// </para>
/// <para>
/// Positions are metres in the graph's projection (x east, y north). Times are seconds, distances
/// metres. Thread-safe: concurrent calls each take their own pooled scratch memory.
/// </para>
/// </remarks>
public sealed class TravelTimes
{
    private readonly RoadGraph _graph;
    private readonly TravelTimeOptions _options;
    private readonly Stack<SearchScratch> _pool = new();
    private readonly Lock _poolGate = new();

    public TravelTimes(RoadGraph graph, TravelTimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        _options = options ?? new TravelTimeOptions();
        _options.Validate();
    }

    /// <summary>The graph searched.</summary>
    public RoadGraph Graph => _graph;

    /// <summary>The off-road speed and snapping distance in use.</summary>
    public TravelTimeOptions Options => _options;

    /// <summary>
    /// Fills <paramref name="results"/>[i] with candidate i's travel time to the incident, or null
    /// when it cannot get there: no road within <see cref="TravelTimeOptions.MaxSnapDistance"/> of
    /// it or of the incident, or no route (a disconnected part, a one-way trap).
    /// </summary>
    /// <param name="incidentX">Incident, metres east.</param>
    /// <param name="incidentY">Incident, metres north.</param>
    /// <param name="candidates">Candidate positions, metres (x east, y north).</param>
    /// <param name="results">At least as long as <paramref name="candidates"/>.</param>
    public void Compute(double incidentX, double incidentY, ReadOnlySpan<(double X, double Y)> candidates, Span<TravelTime?> results)
    {
        if (results.Length < candidates.Length)
        {
            throw new ArgumentException("There must be a result slot for every candidate.", nameof(results));
        }

        results[..candidates.Length].Clear();
        if (candidates.IsEmpty)
        {
            return;
        }

        var incident = _graph.Snap(incidentX, incidentY, _options.MaxSnapDistance);
        if (incident is not { } goal)
        {
            return;
        }

        var scratch = Rent();
        try
        {
            Search(goal, candidates, results, scratch);
        }
        finally
        {
            Return(scratch);
        }
    }

    private void Search(RoadSnap goal, ReadOnlySpan<(double X, double Y)> candidates, Span<TravelTime?> results, SearchScratch scratch)
    {
        var graph = _graph;
        scratch.Begin(candidates.Length);
        var stamp = scratch.Stamp;
        var time = scratch.Time;
        var metres = scratch.Metres;
        var reached = scratch.Reached;
        var settled = scratch.Settled;
        var target = scratch.Target;
        var queue = scratch.Queue;
        var snaps = scratch.Snaps;

        // The nodes candidates drive to first are the targets: the search may stop once all are final.
        var remaining = 0;
        for (var i = 0; i < candidates.Length; i++)
        {
            var snap = graph.Snap(candidates[i].X, candidates[i].Y, _options.MaxSnapDistance);
            snaps[i] = snap;
            if (snap is not { } s)
            {
                continue;
            }

            remaining += MarkTarget(target, graph.EdgeTo(s.Edge), stamp);
            var reverse = graph.ReverseOf(s.Edge);
            if (reverse >= 0)
            {
                remaining += MarkTarget(target, graph.EdgeTo(reverse), stamp);
            }
        }

        if (remaining == 0)
        {
            FillSameEdgeOnly(goal, candidates.Length, snaps, results);
            return;
        }

        // Seeds: to reach the incident a vehicle drives the incident's edge from its tail node
        // (drawn direction), or the reverse edge from the other end when the road is two-way.
        var goalEdge = goal.Edge;
        var goalLength = graph.EdgeLength(goalEdge);
        var goalSpeed = graph.EdgeSpeed(goalEdge);
        Relax(graph.EdgeFrom(goalEdge), goal.Offset / goalSpeed, goal.Offset);
        var goalReverse = graph.ReverseOf(goalEdge);
        if (goalReverse >= 0)
        {
            Relax(graph.EdgeFrom(goalReverse), (goalLength - goal.Offset) / goalSpeed, goalLength - goal.Offset);
        }

        while (queue.TryDequeue(out var node, out var key))
        {
            if (settled[node] == stamp || key > time[node])
            {
                continue; // an outdated queue entry
            }

            settled[node] = stamp;
            if (target[node] == stamp && --remaining == 0)
            {
                break;
            }

            var nodeTime = time[node];
            var nodeMetres = metres[node];
            foreach (var edge in graph.InEdges(node))
            {
                var from = graph.EdgeFrom(edge);
                if (settled[from] != stamp)
                {
                    Relax(from, nodeTime + graph.EdgeTime(edge), nodeMetres + graph.EdgeLength(edge));
                }
            }
        }

        var offRoadSpeed = _options.OffRoadSpeed;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (snaps[i] is not { } s)
            {
                continue;
            }

            var bestTime = double.PositiveInfinity;
            var bestMetres = 0.0;
            var length = graph.EdgeLength(s.Edge);
            var speed = graph.EdgeSpeed(s.Edge);

            // Forward along the drawn direction to the edge's head, then on.
            var head = graph.EdgeTo(s.Edge);
            if (settled[head] == stamp)
            {
                Consider(((length - s.Offset) / speed) + time[head], length - s.Offset + metres[head]);
            }

            var reverse = graph.ReverseOf(s.Edge);
            if (reverse >= 0)
            {
                var tail = graph.EdgeTo(reverse);
                if (settled[tail] == stamp)
                {
                    Consider((s.Offset / speed) + time[tail], s.Offset + metres[tail]);
                }
            }

            ConsiderSameEdge(goal, s, ref bestTime, ref bestMetres);
            if (double.IsFinite(bestTime))
            {
                var offRoad = s.Distance + goal.Distance;
                results[i] = new TravelTime(bestTime + (offRoad / offRoadSpeed), bestMetres, offRoad);
            }

            void Consider(double seconds, double roadMetres)
            {
                if (seconds < bestTime)
                {
                    bestTime = seconds;
                    bestMetres = roadMetres;
                }
            }
        }

        void Relax(int node, double seconds, double roadMetres)
        {
            if (reached[node] != stamp || seconds < time[node])
            {
                reached[node] = stamp;
                time[node] = seconds;
                metres[node] = roadMetres;
                queue.Enqueue(node, seconds);
            }
        }
    }

    /// <summary>No candidate can leave its edge towards any node (all unsnapped): only the direct same-edge drive remains.</summary>
    private void FillSameEdgeOnly(RoadSnap goal, int count, RoadSnap?[] snaps, Span<TravelTime?> results)
    {
        for (var i = 0; i < count; i++)
        {
            if (snaps[i] is not { } s)
            {
                continue;
            }

            var bestTime = double.PositiveInfinity;
            var bestMetres = 0.0;
            ConsiderSameEdge(goal, s, ref bestTime, ref bestMetres);
            if (double.IsFinite(bestTime))
            {
                var offRoad = s.Distance + goal.Distance;
                results[i] = new TravelTime(bestTime + (offRoad / _options.OffRoadSpeed), bestMetres, offRoad);
            }
        }
    }

    /// <summary>
    /// A candidate on the incident's own road piece drives straight to it: forward when it is
    /// behind the incident in the drawn direction, backward only when the road is two-way.
    /// </summary>
    private void ConsiderSameEdge(RoadSnap goal, RoadSnap candidate, ref double bestTime, ref double bestMetres)
    {
        if (candidate.Edge != goal.Edge)
        {
            return;
        }

        var speed = _graph.EdgeSpeed(goal.Edge);
        var gap = goal.Offset - candidate.Offset;
        if (gap < 0 && _graph.ReverseOf(goal.Edge) < 0)
        {
            return; // past the incident on a one-way road: it must go round
        }

        var seconds = Math.Abs(gap) / speed;
        if (seconds < bestTime)
        {
            bestTime = seconds;
            bestMetres = Math.Abs(gap);
        }
    }

    private static int MarkTarget(int[] target, int node, int stamp)
    {
        if (target[node] == stamp)
        {
            return 0;
        }

        target[node] = stamp;
        return 1;
    }

    private SearchScratch Rent()
    {
        lock (_poolGate)
        {
            if (_pool.TryPop(out var scratch))
            {
                return scratch;
            }
        }

        return new SearchScratch(_graph.NodeCount);
    }

    private void Return(SearchScratch scratch)
    {
        lock (_poolGate)
        {
            // Keep as many as ran at once; more would only hold memory.
            if (_pool.Count < Environment.ProcessorCount * 2)
            {
                _pool.Push(scratch);
            }
        }
    }
}
