using Tracking.Core.Geo.Routing;

namespace Tracking.Core.Tests.Geo.Routing;

public sealed class TravelTimesTests
{
    private const double Tolerance = 1e-6;

    private static TravelTime?[] Compute(RoadGraph graph, (double X, double Y) incident, params (double X, double Y)[] units)
    {
        var results = new TravelTime?[units.Length];
        new TravelTimes(graph).Compute(incident.X, incident.Y, units, results);
        return results;
    }

    [Fact]
    public void Fast_ring_road_beats_a_slow_straight_street()
    {
        // Straight street A(0,0)–B(1000,0) at 5 m/s (200 s end to end); a ring A–(0,500)–(1000,500)–B
        // of 2,000 m at 20 m/s (100 s). Unit on the street 100 m from A and 20 m south of it;
        // incident at B.
        var graph = new TestNetwork()
            .Road("street", 5, oneWay: false, (0, 0), (1000, 0))
            .Road("ring", 20, oneWay: false, (0, 0), (0, 500), (1000, 500), (1000, 0))
            .Build();

        var eta = Compute(graph, (1000, 0), (100, -20))[0];

        // Straight on: 900 m at 5 m/s = 180 s. Back to A (100 m, 20 s) and round the ring (100 s) = 120 s.
        // Plus 20 m off-road at the default 2 m/s = 10 s.
        Assert.NotNull(eta);
        Assert.Equal(130, eta.Value.Seconds, Tolerance);
        Assert.Equal(2100, eta.Value.RoadMetres, Tolerance);
        Assert.Equal(20, eta.Value.OffRoadMetres, Tolerance);
    }

    [Fact]
    public void Unit_past_the_incident_on_a_one_way_street_must_go_round()
    {
        // One-way west to east W(0,0)–E(1000,0); a two-way loop back E–(1000,300)–(0,300)–W of 1,600 m.
        // All at 10 m/s. Incident on the one-way 200 m from W.
        var graph = new TestNetwork()
            .Road("one-way", 10, oneWay: true, (0, 0), (1000, 0))
            .Road("loop", 10, oneWay: false, (1000, 0), (1000, 300), (0, 300), (0, 0))
            .Build();

        var etas = Compute(graph, (200, 0), (100, 0), (600, 0));

        // Behind it: 100 m straight on = 10 s.
        Assert.Equal(10, etas[0]!.Value.Seconds, Tolerance);
        Assert.Equal(100, etas[0]!.Value.RoadMetres, Tolerance);

        // Past it: 400 m on to E, 1,600 m round the loop, 200 m from W = 2,200 m = 220 s.
        Assert.Equal(220, etas[1]!.Value.Seconds, Tolerance);
        Assert.Equal(2200, etas[1]!.Value.RoadMetres, Tolerance);
    }

    [Fact]
    public void Unit_on_the_incidents_two_way_street_drives_straight_back_to_it()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Build();

        var etas = Compute(graph, (200, 0), (100, 0), (600, 0), (200, 0));

        Assert.Equal(10, etas[0]!.Value.Seconds, Tolerance);
        Assert.Equal(40, etas[1]!.Value.Seconds, Tolerance);
        Assert.Equal(0, etas[2]!.Value.Seconds, Tolerance);
    }

    [Fact]
    public void Unit_across_the_river_loses_to_a_farther_unit_on_the_incidents_side()
    {
        // A river runs west-east between a south road (y = -100) and a north road (y = 200), with
        // one bridge at x = 2000 joining interior vertices of both. All at 10 m/s.
        var graph = new TestNetwork()
            .Road("south", 10, oneWay: false, (-3000, -100), (2000, -100), (3000, -100))
            .Road("north", 10, oneWay: false, (-3000, 200), (2000, 200), (3000, 200))
            .Road("bridge", 10, oneWay: false, (2000, -100), (2000, 200))
            .Build();

        // Incident on the south road at x = 0. Unit A 300 m away across the river; unit B 1 km away on the same side.
        var etas = Compute(graph, (0, -100), (0, 200), (-1000, -100));

        // A: 2,000 m east, 300 m over the bridge, 2,000 m back west = 4,300 m = 430 s. B: 1,000 m = 100 s.
        Assert.Equal(430, etas[0]!.Value.Seconds, Tolerance);
        Assert.Equal(4300, etas[0]!.Value.RoadMetres, Tolerance);
        Assert.Equal(100, etas[1]!.Value.Seconds, Tolerance);
        Assert.True(etas[1]!.Value.Seconds < etas[0]!.Value.Seconds);
    }

    [Fact]
    public void Unit_on_a_road_not_connected_to_the_incident_is_unreachable()
    {
        var graph = new TestNetwork()
            .Road("here", 10, oneWay: false, (0, 0), (1000, 0))
            .Road("island", 10, oneWay: false, (0, 600), (1000, 600))
            .Build();

        var etas = Compute(graph, (500, 0), (500, 600), (900, 0));

        Assert.Null(etas[0]);
        Assert.Equal(40, etas[1]!.Value.Seconds, Tolerance);
    }

    [Fact]
    public void Unit_trapped_at_the_end_of_one_way_streets_is_unreachable()
    {
        // A one-way street runs into a dead end: nothing leaves its end node.
        var graph = new TestNetwork()
            .Road("main", 10, oneWay: false, (0, 0), (1000, 0))
            .Road("trap", 10, oneWay: true, (1000, 0), (1000, 500))
            .Build();

        var etas = Compute(graph, (200, 0), (1000, 400));

        Assert.Null(etas[0]);
    }

    [Fact]
    public void Positions_too_far_from_any_road_get_no_time()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Build();
        var times = new TravelTimes(graph, new TravelTimeOptions { MaxSnapDistance = 100 });
        var results = new TravelTime?[2];

        times.Compute(500, 0, [(100, 150), (100, 50)], results);
        Assert.Null(results[0]);
        Assert.Equal(40 + (50 / 2.0), results[1]!.Value.Seconds, Tolerance);

        times.Compute(500, 150, [(100, 50)], results);
        Assert.Null(results[0]);
    }

    [Fact]
    public void Off_road_parts_of_unit_and_incident_go_at_the_configured_speed()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Build();
        var times = new TravelTimes(graph, new TravelTimeOptions { OffRoadSpeed = 5 });
        var results = new TravelTime?[1];

        // Unit 30 m south of x = 100, incident 20 m north of x = 700: 600 m of road (60 s) and 50 m off-road (10 s).
        times.Compute(700, 20, [(100, -30)], results);

        Assert.Equal(70, results[0]!.Value.Seconds, Tolerance);
        Assert.Equal(50, results[0]!.Value.OffRoadMetres, Tolerance);
        Assert.Equal(650, results[0]!.Value.TotalMetres, Tolerance);
    }

    [Fact]
    public void Many_candidates_in_one_search_match_a_separate_search_for_each()
    {
        // A perturbed 12 x 12 grid with one-way streets and mixed speeds; each candidate's time from
        // one shared search equals the time computed alone, and a plain Dijkstra over every node.
        var random = new Random(7);
        var network = new TestNetwork();
        var nodes = new (double X, double Y)[12, 12];
        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 12; j++)
            {
                nodes[i, j] = ((i * 200) + random.Next(-40, 40), (j * 200) + random.Next(-40, 40));
            }
        }

        for (var i = 0; i < 12; i++)
        {
            for (var j = 0; j < 12; j++)
            {
                if (i + 1 < 12)
                {
                    network.Road($"h{i}-{j}", 5 + random.Next(20), oneWay: random.Next(5) == 0, nodes[i, j], nodes[i + 1, j]);
                }

                if (j + 1 < 12)
                {
                    network.Road($"v{i}-{j}", 5 + random.Next(20), oneWay: random.Next(5) == 0, nodes[i, j], nodes[i, j + 1]);
                }
            }
        }

        var graph = network.Build();
        var times = new TravelTimes(graph);
        for (var trial = 0; trial < 40; trial++)
        {
            var incident = (X: random.NextDouble() * 2200, Y: random.NextDouble() * 2200);
            var units = Enumerable.Range(0, 30).Select(_ => (X: random.NextDouble() * 2200, Y: random.NextDouble() * 2200)).ToArray();
            var together = new TravelTime?[units.Length];
            times.Compute(incident.X, incident.Y, units, together);
            for (var u = 0; u < units.Length; u++)
            {
                var alone = new TravelTime?[1];
                times.Compute(incident.X, incident.Y, [units[u]], alone);
                var reference = ReferenceSeconds(graph, incident, units[u]);
                Assert.Equal(reference is null, together[u] is null);
                Assert.Equal(alone[0], together[u]);
                if (reference is { } seconds)
                {
                    Assert.Equal(seconds, together[u]!.Value.Seconds, 1e-6);
                }
            }
        }
    }

    [Fact]
    public void Concurrent_searches_each_get_their_own_answer()
    {
        // Two-way street at 10 m/s: a unit at x metres from the incident at 0 needs x / 10 s.
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (500, 0), (1000, 0), (5000, 0))
            .Build();
        var times = new TravelTimes(graph);
        var failures = 0;

        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var unitX = (i % 4900) + 1.0;
            var results = new TravelTime?[2];
            times.Compute(0, 0, [(unitX, 0), (unitX / 2, 0)], results);
            if (Math.Abs(results[0]!.Value.Seconds - (unitX / 10)) > 1e-9 || Math.Abs(results[1]!.Value.Seconds - (unitX / 20)) > 1e-9)
            {
                Interlocked.Increment(ref failures);
            }
        });

        Assert.Equal(0, failures);
    }

    /// <summary>
    /// An independent answer: Dijkstra forward from the unit's snapped point over every node
    /// (no early stop, no reversed graph), arriving at the incident's snapped point.
    /// </summary>
    private static double? ReferenceSeconds(RoadGraph graph, (double X, double Y) incident, (double X, double Y) unit)
    {
        var from = graph.Snap(unit.X, unit.Y, 1000)!.Value;
        var to = graph.Snap(incident.X, incident.Y, 1000)!.Value;
        var best = new double[graph.NodeCount];
        Array.Fill(best, double.PositiveInfinity);
        var queue = new PriorityQueue<int, double>();
        var speed = graph.EdgeSpeed(from.Edge);
        Start(graph.EdgeTo(from.Edge), (graph.EdgeLength(from.Edge) - from.Offset) / speed);
        if (graph.ReverseOf(from.Edge) >= 0)
        {
            Start(graph.EdgeFrom(from.Edge), from.Offset / speed);
        }

        while (queue.TryDequeue(out var node, out var time))
        {
            if (time > best[node])
            {
                continue;
            }

            foreach (var edge in graph.OutEdges(node))
            {
                var next = time + graph.EdgeTime(edge);
                if (next < best[graph.EdgeTo(edge)])
                {
                    best[graph.EdgeTo(edge)] = next;
                    queue.Enqueue(graph.EdgeTo(edge), next);
                }
            }
        }

        var goalSpeed = graph.EdgeSpeed(to.Edge);
        var arrive = best[graph.EdgeFrom(to.Edge)] + (to.Offset / goalSpeed);
        if (graph.ReverseOf(to.Edge) >= 0)
        {
            arrive = Math.Min(arrive, best[graph.EdgeTo(to.Edge)] + ((graph.EdgeLength(to.Edge) - to.Offset) / goalSpeed));
        }

        if (from.Edge == to.Edge && (to.Offset >= from.Offset || graph.ReverseOf(to.Edge) >= 0))
        {
            arrive = Math.Min(arrive, Math.Abs(to.Offset - from.Offset) / speed);
        }

        return double.IsFinite(arrive) ? arrive + ((from.Distance + to.Distance) / 2.0) : null;

        void Start(int node, double time)
        {
            if (time < best[node])
            {
                best[node] = time;
                queue.Enqueue(node, time);
            }
        }
    }
}
