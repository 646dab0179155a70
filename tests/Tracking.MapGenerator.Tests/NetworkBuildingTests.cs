using Tracking.Core.Geo.Maps;
using Tracking.MapGenerator.Drawing;
using Tracking.MapGenerator.Roads;

namespace Tracking.MapGenerator.Tests;

/// <summary>The pieces that make a road network out of drawn lines, on small hand-made cases.</summary>
public class NetworkBuildingTests
{
    private static RoadDraft Draft(params (double X, double Y)[] points) =>
        new("Test Street", RoadClass.Residential, 30, [.. points.Select(p => new Vec2(p.X, p.Y))]);

    [Fact]
    public void Crossing_roads_both_get_the_crossing_as_a_vertex()
    {
        var eastWest = Draft((0, 0), (100, 0));
        var northSouth = Draft((50, -50), (50, 50));

        RoadNoder.Node([eastWest, northSouth]);

        Assert.Equal([new Vec2(0, 0), new Vec2(50, 0), new Vec2(100, 0)], eastWest.Points);
        Assert.Equal([new Vec2(50, -50), new Vec2(50, 0), new Vec2(50, 50)], northSouth.Points);
    }

    [Fact]
    public void A_road_ending_a_hair_short_of_another_joins_it_at_its_end()
    {
        var main = Draft((0, 0), (100, 0));
        var side = Draft((20, 50), (20, 0.3));

        RoadNoder.Node([main, side]);

        Assert.Equal([new Vec2(0, 0), new Vec2(20, 0.3), new Vec2(100, 0)], main.Points);
        Assert.Equal([new Vec2(20, 50), new Vec2(20, 0.3)], side.Points);
    }

    [Fact]
    public void A_road_passes_over_the_motorway_unless_it_is_allowed_a_junction()
    {
        var motorway = new RoadDraft("M1", RoadClass.Motorway, 70, [new(0, 0), new(0, 1000)]) { GradeSeparated = true };
        var lane = Draft((-100, 300), (100, 300));
        var aRoad = new RoadDraft("A50", RoadClass.Trunk, 60, [new(-100, 600), new(100, 600)]) { JoinsMotorway = true };

        RoadNoder.Node([motorway, lane, aRoad]);

        Assert.Equal([new Vec2(0, 0), new Vec2(0, 600), new Vec2(0, 1000)], motorway.Points);
        Assert.Equal([new Vec2(-100, 300), new Vec2(100, 300)], lane.Points);
        Assert.Equal([new Vec2(-100, 600), new Vec2(0, 600), new Vec2(100, 600)], aRoad.Points);
    }

    [Fact]
    public void Strong_components_group_nodes_that_reach_each_other()
    {
        // 0 → 1 → 2 → 0 is a loop; 2 → 3 leads out of it with no way back; 4 ⇄ 5 is a two-way pair on its own.
        List<int>[] successors = [[1], [2], [0, 3], [], [5], [4]];

        var component = StrongComponents.Find(6, successors);

        Assert.Equal(component[0], component[1]);
        Assert.Equal(component[0], component[2]);
        Assert.NotEqual(component[0], component[3]);
        Assert.Equal(component[4], component[5]);
        Assert.NotEqual(component[0], component[4]);
        Assert.Equal(3, component.Distinct().Count());
    }

    [Fact]
    public void Finishing_keeps_the_main_network_frees_a_stranded_one_way_street_and_drops_an_island()
    {
        // A two-way square near Leicester (metres, British National Grid); a one-way spur leaving it
        // (nothing comes back, so it must become two-way); a two-way road far from everything.
        var o = AreaLayoutOrigin;
        var square = Draft((o.X, o.Y), (o.X + 100, o.Y), (o.X + 100, o.Y + 100), (o.X, o.Y + 100), (o.X, o.Y));
        var spur = Draft((o.X + 100, o.Y), (o.X + 200, o.Y));
        spur.OneWay = true;
        var island = Draft((o.X + 1000, o.Y), (o.X + 1100, o.Y));

        var finished = RoadFinisher.Finish([square, spur, island], new LonLatRounder(Tracking.Core.Geo.MapProjection.BritishNationalGrid));

        Assert.Equal(2, finished.Count);
        Assert.Same(square, finished[0].Draft);
        Assert.Same(spur, finished[1].Draft);
        Assert.False(spur.OneWay);
        Assert.Same(finished[0].Line[1], finished[1].Line[0]);
    }

    [Fact]
    public void Rounding_gives_seven_decimals_and_one_coordinate_instance_per_point()
    {
        var rounder = new LonLatRounder(Tracking.Core.Geo.MapProjection.BritishNationalGrid);
        var a = rounder.Round(AreaLayoutOrigin);
        var b = rounder.Round(AreaLayoutOrigin + new Vec2(0.001, 0.001));

        // 1 mm apart rounds to the same 1e-7° (about 1 cm) grid point: the very same instance.
        Assert.Same(a, b);
        Assert.Equal(Math.Round(a.X, 7), a.X);
        Assert.InRange(a.X, -1.14, -1.12);
        Assert.InRange(a.Y, 52.63, 52.64);
    }

    [Fact]
    public void Max_speed_is_written_in_whole_miles_per_hour()
    {
        // 30 mph = 30 × 0.44704 m/s = 13.4112 m/s; 70 mph = 31.2928 m/s.
        Assert.Equal("30 mph", ForceMapWriter.MaxSpeed(13.4112));
        Assert.Equal("70 mph", ForceMapWriter.MaxSpeed(31.2928));
        Assert.Equal("20 mph", ForceMapWriter.MaxSpeed(8.9408));
    }

    private static Vec2 AreaLayoutOrigin => Layout.AreaLayout.Leicester;
}
