using Tracking.Core.Geo.Routing;

namespace Tracking.Core.Tests.Geo.Routing;

public sealed class RoadGraphTests
{
    private const double Tolerance = 1e-6;

    [Fact]
    public void Two_roads_crossing_at_a_shared_vertex_make_five_nodes_and_eight_edges()
    {
        // A west-east road and a south-north road, both passing through the origin as an interior vertex.
        var graph = new TestNetwork()
            .Road("east", 10, oneWay: false, (-500, 0), (0, 0), (500, 0))
            .Road("north", 10, oneWay: false, (0, -500), (0, 0), (0, 500))
            .Build();

        Assert.Equal(5, graph.NodeCount);
        Assert.Equal(8, graph.EdgeCount);
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            Assert.Equal(500, graph.EdgeLength(e), Tolerance);
            Assert.Equal(50, graph.EdgeTime(e), Tolerance);
        }
    }

    [Fact]
    public void Interior_vertex_used_by_one_road_only_is_shape_not_a_node()
    {
        // An L-shaped road 300 m north then 400 m east: one edge of 700 m each way, not two.
        var graph = new TestNetwork()
            .Road("bend", 14, oneWay: false, (0, 0), (0, 300), (400, 300))
            .Build();

        Assert.Equal(2, graph.NodeCount);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(700, graph.EdgeLength(0), Tolerance);
        Assert.Equal(50, graph.EdgeTime(0), Tolerance);
        Assert.Equal(1, graph.ReverseOf(0));
        Assert.Equal(0, graph.ReverseOf(1));
    }

    [Fact]
    public void One_way_road_has_an_edge_in_its_drawn_direction_only()
    {
        var graph = new TestNetwork()
            .Road("one-way", 10, oneWay: true, (0, 0), (250, 0))
            .Build();

        Assert.Equal(2, graph.NodeCount);
        Assert.Equal(1, graph.EdgeCount);
        Assert.Equal(-1, graph.ReverseOf(0));
        var from = graph.EdgeFrom(0);
        Assert.Equal(0, graph.NodeX(from), Tolerance);
        Assert.Equal(250, graph.NodeX(graph.EdgeTo(0)), Tolerance);
        Assert.Equal(1, graph.OutEdges(from).Length);
        Assert.Equal(0, graph.InEdges(from).Length);
    }

    [Fact]
    public void Repeated_vertices_add_no_zero_length_edges()
    {
        var graph = new TestNetwork()
            .Road("doubled", 10, oneWay: false, (0, 0), (0, 0), (100, 0), (100, 0))
            .Build();

        Assert.Equal(2, graph.NodeCount);
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(100, graph.EdgeLength(0), Tolerance);
    }

    [Fact]
    public void Roads_that_only_touch_at_an_end_point_are_joined_there()
    {
        // A T junction: the side road ends on an interior vertex of the main road.
        var graph = new TestNetwork()
            .Road("main", 10, oneWay: false, (-200, 0), (0, 0), (200, 0))
            .Road("side", 10, oneWay: false, (0, 0), (0, 150))
            .Build();

        Assert.Equal(4, graph.NodeCount);
        Assert.Equal(6, graph.EdgeCount);
    }

    [Fact]
    public void Road_without_a_positive_speed_is_refused()
    {
        var network = new TestNetwork().Road("parked", 0, oneWay: false, (0, 0), (100, 0));

        var error = Assert.Throws<ArgumentException>(() => network.Build());
        Assert.Contains("parked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Point_beside_a_road_snaps_square_onto_it()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Road("far", 10, oneWay: false, (0, 500), (1000, 500))
            .Build();

        var snap = graph.Snap(300, 30);

        Assert.NotNull(snap);
        Assert.Equal(30, snap.Value.Distance, Tolerance);
        Assert.Equal(300, snap.Value.Offset, Tolerance);
        Assert.Equal(300, snap.Value.X, Tolerance);
        Assert.Equal(0, snap.Value.Y, Tolerance);
        Assert.Equal(0, graph.NodeX(graph.EdgeFrom(snap.Value.Edge)), Tolerance);
    }

    [Fact]
    public void Point_past_the_end_of_a_road_snaps_to_its_end_point()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Build();

        // 30 m east and 40 m north of the end: 50 m away.
        var snap = graph.Snap(1030, 40);

        Assert.NotNull(snap);
        Assert.Equal(50, snap.Value.Distance, Tolerance);
        Assert.Equal(1000, snap.Value.Offset, Tolerance);
    }

    [Fact]
    public void Offset_along_a_bent_road_follows_its_shape()
    {
        var graph = new TestNetwork()
            .Road("bend", 10, oneWay: false, (0, 0), (0, 300), (400, 300))
            .Build();

        var snap = graph.Snap(100, 320);

        Assert.NotNull(snap);
        Assert.Equal(20, snap.Value.Distance, Tolerance);
        Assert.Equal(400, snap.Value.Offset, Tolerance);
    }

    [Fact]
    public void Point_farther_than_the_limit_from_every_road_does_not_snap()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Build();

        Assert.Null(graph.Snap(500, 250, maxDistance: 200));
        Assert.Equal(250, graph.Snap(500, 250, maxDistance: 300)!.Value.Distance, Tolerance);
    }

    [Fact]
    public void Snapping_finds_the_nearest_segment_wherever_the_point_is()
    {
        // Many short roads at random, and points inside and far outside their extent: the grid's
        // answer equals a scan of every segment.
        var random = new Random(20240301);
        var network = new TestNetwork();
        for (var i = 0; i < 300; i++)
        {
            var x = random.NextDouble() * 5000;
            var y = random.NextDouble() * 5000;
            network.Road($"r{i}", 10, oneWay: i % 3 == 0, (x, y), (x + (random.NextDouble() * 400) - 200, y + (random.NextDouble() * 400) - 200), (x + (random.NextDouble() * 400) - 200, y + 300));
        }

        var graph = network.Build();
        for (var q = 0; q < 2000; q++)
        {
            var x = (random.NextDouble() * 9000) - 2000;
            var y = (random.NextDouble() * 9000) - 2000;
            var snap = graph.Snap(x, y);
            Assert.NotNull(snap);
            Assert.Equal(BruteForceDistance(graph, x, y), snap.Value.Distance, 1e-6);
        }
    }

    private static double BruteForceDistance(RoadGraph graph, double x, double y)
    {
        var best = double.PositiveInfinity;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (!graph.HasShape(e))
            {
                continue;
            }

            for (var p = graph.ShapeStart(e); p + 1 < graph.ShapeEnd(e); p++)
            {
                double ax = graph.ShapeX(p), ay = graph.ShapeY(p), dx = graph.ShapeX(p + 1) - ax, dy = graph.ShapeY(p + 1) - ay;
                var t = Math.Clamp((((x - ax) * dx) + ((y - ay) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
                best = Math.Min(best, Math.Sqrt(Math.Pow(ax + (t * dx) - x, 2) + Math.Pow(ay + (t * dy) - y, 2)));
            }
        }

        return best;
    }
}
