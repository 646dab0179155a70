using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Tracking.Core.Geo.Matching;

namespace Tracking.Core.Tests.Geo.Matching;

/// <summary>Named cases on hand-drawn WKT (metres), each answer worked out from the drawing.</summary>
public sealed class AreaIndexFixtureTests
{
    private static readonly WKTReader Reader = new(new NetTopologySuite.NtsGeometryServices(new PrecisionModel(), 27700));

    // Two beats side by side sharing the edge x = 1000, a location with a hole, a two-part location, two locations
    // overlapping over (300..400, 300..400), and a circle of 50 m about (1500, 500).
    private static readonly (string Id, AreaKind Kind, string Wkt, double Radius)[] Fixture =
    [
        ("beat-west", AreaKind.Beat, "POLYGON ((0 0, 1000 0, 1000 1000, 0 1000, 0 0))", 0),
        ("beat-east", AreaKind.Beat, "POLYGON ((1000 0, 2000 0, 2000 1000, 1000 1000, 1000 0))", 0),
        ("square-with-hole", AreaKind.Location, "POLYGON ((600 600, 900 600, 900 900, 600 900, 600 600), (700 700, 800 700, 800 800, 700 800, 700 700))", 0),
        ("two-parks", AreaKind.Location, "MULTIPOLYGON (((100 600, 200 600, 200 700, 100 700, 100 600)), ((1100 600, 1300 600, 1200 800, 1100 600)))", 0),
        ("market", AreaKind.Location, "POLYGON ((200 200, 400 200, 400 400, 200 400, 200 200))", 0),
        ("station-approach", AreaKind.Location, "POLYGON ((300 300, 500 300, 500 500, 300 500, 300 300))", 0),
        ("cashpoint", AreaKind.Location, "POINT (1500 500)", 50),
    ];

    private static readonly AreaIndex Index = AreaIndex.Build(
        Fixture.Select(f => new IndexedArea(f.Id, f.Kind, Reader.Read(f.Wkt), f.Radius)).ToList());

    private static (string? Beat, string[] Locations, string[] All) At(double x, double y)
    {
        var locations = new List<int>();
        var all = new List<int>();
        var beat = Index.LocateBeatAndLocations(x, y, locations);
        Index.Locate(x, y, all);
        return (beat < 0 ? null : Index.Areas[beat].Id, locations.Select(i => Index.Areas[i].Id).ToArray(), all.Select(i => Index.Areas[i].Id).ToArray());
    }

    [Fact]
    public void A_point_inside_one_beat_and_no_location_gets_that_beat()
    {
        var (beat, locations, _) = At(50, 950);
        Assert.Equal("beat-west", beat);
        Assert.Empty(locations);
    }

    [Theory]
    [InlineData(500, 0)]      // on the outer edge
    [InlineData(0, 0)]        // on the corner
    [InlineData(0, 437.5)]    // on the west edge
    public void A_point_on_a_beats_outer_boundary_is_in_the_beat(double x, double y) =>
        Assert.Equal("beat-west", At(x, y).Beat);

    [Fact]
    public void A_point_on_the_edge_two_beats_share_is_in_both_and_the_first_listed_is_its_beat()
    {
        var (beat, _, all) = At(1000, 123.25);
        Assert.Equal("beat-west", beat);
        Assert.Equal(["beat-west", "beat-east"], all);
    }

    [Fact]
    public void A_point_a_hair_outside_the_beats_is_in_none()
    {
        Assert.Null(At(500, Math.BitDecrement(0.0)).Beat);
        Assert.Null(At(-0.001, 500).Beat);
        Assert.Null(At(2000.000001, 500).Beat);
    }

    [Fact]
    public void A_point_in_a_hole_is_not_in_the_location()
    {
        Assert.Empty(At(750, 750).Locations);
        Assert.Equal("beat-west", At(750, 750).Beat);
    }

    [Theory]
    [InlineData(700, 750)]    // on the hole's edge
    [InlineData(800, 800)]    // on the hole's corner
    [InlineData(650, 750)]    // between shell and hole
    [InlineData(900, 900)]    // on the shell's corner
    public void A_point_on_a_holes_boundary_or_between_shell_and_hole_is_in_the_location(double x, double y) =>
        Assert.Equal(["square-with-hole"], At(x, y).Locations);

    [Theory]
    [InlineData(150, 650, "beat-west")]   // first part
    [InlineData(1200, 700, "beat-east")]  // second part, a triangle
    [InlineData(1250, 700, "beat-east")]  // on the second part's sloping edge (1300 600 → 1200 800)
    public void A_point_in_either_part_of_a_multipolygon_is_in_the_location(double x, double y, string expectedBeat)
    {
        var (beat, locations, _) = At(x, y);
        Assert.Equal(expectedBeat, beat);
        Assert.Equal(["two-parks"], locations);
    }

    [Fact]
    public void A_point_between_the_parts_of_a_multipolygon_is_not_in_it() =>
        Assert.Empty(At(400, 650).Locations);

    [Fact]
    public void A_point_in_two_overlapping_locations_gets_both_and_its_one_beat()
    {
        var (beat, locations, all) = At(350, 350);
        Assert.Equal("beat-west", beat);
        Assert.Equal(["market", "station-approach"], locations);
        Assert.Equal(["beat-west", "market", "station-approach"], all);
    }

    [Fact]
    public void A_point_on_the_edge_of_one_overlapping_location_and_inside_the_other_gets_both() =>
        Assert.Equal(["market", "station-approach"], At(400, 350).Locations);

    [Theory]
    [InlineData(1500, 500, true)]    // centre
    [InlineData(1550, 500, true)]    // on the rim, exactly 50 m
    [InlineData(1530, 540, true)]    // on the rim (30, 40, 50)
    [InlineData(1530.0001, 540, false)]
    [InlineData(1450, 500, true)]
    [InlineData(1449.9999, 500, false)]
    public void A_point_location_is_the_disc_of_its_radius(double x, double y, bool inside) =>
        Assert.Equal(inside ? ["cashpoint"] : [], At(x, y).Locations);

    [Theory]
    [InlineData(1e7, 1e7)]
    [InlineData(-5e5, 500)]
    [InlineData(double.NaN, 500)]
    [InlineData(500, double.PositiveInfinity)]
    public void A_point_far_outside_or_not_a_number_is_in_nothing(double x, double y)
    {
        var (beat, locations, all) = At(x, y);
        Assert.Null(beat);
        Assert.Empty(locations);
        Assert.Empty(all);
    }

    [Fact]
    public void The_result_lists_are_cleared_before_they_are_filled()
    {
        var locations = new List<int> { 99, 98 };
        Index.LocateBeatAndLocations(1e7, 1e7, locations);
        Assert.Empty(locations);
        var all = new List<int> { 5 };
        Index.Locate(350, 350, all);
        Assert.Equal([0, 4, 5], all);
    }

    [Fact]
    public void Covers_answers_for_one_area()
    {
        Assert.True(Index.Covers(4, 400, 400));
        Assert.False(Index.Covers(2, 750, 750));
        Assert.True(Index.Covers(1, 1000, 500));
        Assert.Throws<ArgumentOutOfRangeException>(() => Index.Covers(7, 0, 0));
    }

    [Fact]
    public void Candidates_are_the_areas_whose_box_meets_the_query_box()
    {
        var result = new List<int>();
        Index.Candidates(380, 380, 420, 420, result);
        Assert.Equal([0, 4, 5], result);
        Index.Candidates(1440, 440, 1451, 451, result);   // overlaps the circle's box (1450..1550, 450..550) by 1 m at its corner
        Assert.Equal([1, 6], result);
        Index.Candidates(1440, 440, 1450, 449.999, result);   // 1 mm below it
        Assert.Equal([1], result);
        Index.Candidates(1550, 550, 1560, 560, result);       // touching at the corner counts
        Assert.Equal([1, 6], result);
        Index.Candidates(5000, 5000, 6000, 6000, result);
        Assert.Empty(result);
    }

    [Fact]
    public void An_empty_index_contains_nothing()
    {
        var all = new List<int>();
        AreaIndex.Empty.Locate(0, 0, all);
        Assert.Empty(all);
        Assert.Equal(-1, AreaIndex.Empty.LocateBeatAndLocations(0, 0, all));
        AreaIndex.Empty.Candidates(-1, -1, 1, 1, all);
        Assert.Empty(all);
    }

    [Fact]
    public void A_ring_with_repeated_vertices_is_matched_like_the_same_ring_without_them()
    {
        var index = AreaIndex.Build([new IndexedArea("dup", AreaKind.Location, Reader.Read("POLYGON ((0 0, 10 0, 10 0, 10 10, 0 10, 0 10, 0 0))"))]);
        var all = new List<int>();
        index.Locate(10, 5, all);
        Assert.Equal([0], all);
        index.Locate(10.5, 5, all);
        Assert.Empty(all);
    }

    [Theory]
    [InlineData("LINESTRING (0 0, 10 10)", 0)]
    [InlineData("POINT (5 5)", 0)]
    [InlineData("POINT (5 5)", -3)]
    [InlineData("POINT (5 5)", double.NaN)]
    [InlineData("GEOMETRYCOLLECTION (POINT (5 5))", 10)]
    public void An_area_that_is_not_a_polygon_or_a_circle_is_refused(string wkt, double radius)
    {
        var error = Assert.Throws<ArgumentException>(() => AreaIndex.Build([new IndexedArea("bad", AreaKind.Location, Reader.Read(wkt), radius)]));
        Assert.Contains("'bad'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_geometry_after_building_does_not_change_the_index()
    {
        var square = Reader.Read("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
        var index = AreaIndex.Build([new IndexedArea("sq", AreaKind.Beat, square)]);
        square.Apply(new NetTopologySuite.Geometries.Utilities.AffineTransformation().Translate(100, 0));
        square.GeometryChanged();
        Assert.Equal(0, index.LocateBeatAndLocations(5, 5, []));
    }
}
