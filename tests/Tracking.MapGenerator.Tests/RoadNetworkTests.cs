using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Tracking.Core.Geo.Maps;

namespace Tracking.MapGenerator.Tests;

/// <summary>The committed road network: drivable from anywhere to anywhere, cut by the river except at bridges.</summary>
public class RoadNetworkTests
{
    private static IReadOnlyList<IFeature> Roads => DemoArea.Files.Roads;

    private static string? Name(IFeature road) => road.Attributes.Exists("name") ? (string)road.Attributes["name"] : null;

    private static string Highway(IFeature road) => (string)road.Attributes["highway"];

    [Fact]
    public void Every_vertex_can_be_driven_to_and_from_every_other_respecting_one_way_streets()
    {
        var graph = RoadGraph.FromFeatures(Roads);

        // Strongly connected: everything is reachable from one node, and that node from everything.
        Assert.Equal(graph.Nodes.Count, RoadGraph.Reached(graph.Forward, 0));
        Assert.Equal(graph.Nodes.Count, RoadGraph.Reached(graph.Backward, 0));
        Assert.True(graph.EdgeCount > 20_000, $"Only {graph.EdgeCount} directed edges.");
    }

    [Fact]
    public void No_road_crosses_the_river_except_the_bridges_and_each_bridge_crosses_once()
    {
        var rivers = DemoArea.Files.Water.Select(w => w.Geometry).OfType<LineString>().ToList();
        Assert.NotEmpty(rivers);
        var crossings = 0;
        var crossingRoads = new List<IFeature>();
        foreach (var road in Roads)
        {
            var points = rivers.Sum(river => road.Geometry.Intersection(river) switch
            {
                { IsEmpty: true } => 0,
                Point => 1,
                MultiPoint multi => multi.NumGeometries,
                var other => throw new InvalidOperationException($"{Name(road)} runs along the river: {other.GeometryType}"),
            });
            if (points > 0)
            {
                crossings += points;
                crossingRoads.Add(road);
            }
        }

        Assert.Equal(crossingRoads.Count, crossings);
        Assert.InRange(crossings, 5, 9);
        Assert.All(crossingRoads, road => Assert.EndsWith(" Bridge", Name(road), StringComparison.Ordinal));
        Assert.Equal(
            DemoArea.Generated.BridgeRoadIds.Order(StringComparer.Ordinal),
            crossingRoads.Select(r => (string)r.Attributes["id"]).Order(StringComparer.Ordinal));
        Assert.Equal(crossings, Roads.Count(r => Name(r)?.EndsWith(" Bridge", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Each_bridge_joins_roads_on_both_banks()
    {
        var graph = RoadGraph.FromFeatures(Roads);
        foreach (var bridge in Roads.Where(r => DemoArea.Generated.BridgeRoadIds.Contains((string)r.Attributes["id"])))
        {
            var line = (LineString)bridge.Geometry;
            foreach (var end in (Coordinate[])[line.StartPoint.Coordinate, line.EndPoint.Coordinate])
            {
                var node = graph.Nodes[(end.X, end.Y)];
                Assert.True(graph.Forward[node].Count >= 2, $"{Name(bridge)} ends in mid-air at {end}.");
            }
        }
    }

    [Fact]
    public void Roads_meet_only_at_shared_vertices_except_where_they_pass_over_or_under_the_motorway()
    {
        var overpasses = Crossings.CountOverpasses(Roads.Select(r => ((LineString)r.Geometry, Highway(r) == "motorway")));

        Assert.InRange(overpasses, 1, 4);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Other_seeds_also_make_one_strongly_connected_network_joined_only_at_shared_vertices(int seed)
    {
        var area = ForceAreaGenerator.GenerateArea(new ForceAreaOptions(seed));
        var roads = area.Map.Roads;
        var graph = new RoadGraph(roads.Select(r => (r.Line, r.OneWay)));

        Assert.Equal(graph.Nodes.Count, RoadGraph.Reached(graph.Forward, 0));
        Assert.Equal(graph.Nodes.Count, RoadGraph.Reached(graph.Backward, 0));
        Crossings.CountOverpasses(roads.Select(r => (r.Line, r.Class == RoadClass.Motorway)));
        Assert.InRange(area.BridgeRoadIds.Count, 5, 14);
        Assert.InRange(area.Map.Beats.Count, 80, 200);
        Assert.InRange(area.Map.Locations.Count, 40, 80);
    }

    [Fact]
    public void The_motorway_meets_other_roads_at_exactly_two_junctions()
    {
        var motorwayVertices = Roads.Where(r => Highway(r) == "motorway")
            .SelectMany(r => r.Geometry.Coordinates).Select(c => (c.X, c.Y)).ToHashSet();
        var junctions = Roads.Where(r => Highway(r) != "motorway")
            .SelectMany(r => r.Geometry.Coordinates).Select(c => (c.X, c.Y)).Where(motorwayVertices.Contains).Distinct().Count();
        Assert.Equal(2, junctions);
    }

    [Fact]
    public void The_city_centre_has_a_one_way_system_at_twenty_miles_an_hour()
    {
        var oneWay = Roads.Where(r => r.Attributes.Exists("oneway")).ToList();
        Assert.True(oneWay.Count >= 10, $"Only {oneWay.Count} one-way streets.");
        Assert.All(oneWay, r => Assert.Equal("yes", (string)r.Attributes["oneway"]));
        Assert.All(oneWay, r => Assert.Equal("20 mph", (string)r.Attributes["maxspeed"]));
    }

    [Fact]
    public void Every_road_has_a_known_highway_class_a_speed_limit_and_an_id_of_its_own()
    {
        Assert.Equal(Roads.Count, Roads.Select(r => (string)r.Attributes["id"]).Distinct().Count());
        foreach (var road in Roads)
        {
            Assert.NotNull(RoadClasses.FromOsmHighway(Highway(road)));
            Assert.Matches(@"^\d{2} mph$", (string)road.Attributes["maxspeed"]);
            Assert.IsType<LineString>(road.Geometry);
        }

        string[] classes = ["motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential", "living_street", "service"];
        Assert.Equal(classes.Order(StringComparer.Ordinal), Roads.Select(Highway).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Speed_limits_suit_the_road()
    {
        string[] Limits(string highway) =>
            [.. Roads.Where(r => Highway(r) == highway).Select(r => (string)r.Attributes["maxspeed"]).Distinct().Order(StringComparer.Ordinal)];

        Assert.Equal(["70 mph"], Limits("motorway"));
        Assert.Equal(["40 mph", "60 mph"], Limits("trunk"));
        Assert.Equal(["30 mph", "40 mph"], Limits("primary"));
        Assert.Equal(["20 mph", "30 mph"], Limits("residential"));
        Assert.Equal(["20 mph", "40 mph"], Limits("unclassified"));
    }
}
