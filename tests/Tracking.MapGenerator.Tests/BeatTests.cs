using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Union;
using Tracking.Core.Geo;

namespace Tracking.MapGenerator.Tests;

/// <summary>Micro-beats tile the force area: no gaps, no overlaps, every beat valid and owned.</summary>
public class BeatTests
{
    private static readonly MapProjection Bng = MapProjection.BritishNationalGrid;

    [Fact]
    public void Beats_cover_the_force_boundary_without_gaps()
    {
        var beats = DemoArea.Files.Beats.Select(b => Bng.Project(b.Geometry)).ToList();
        var union = UnaryUnionOp.Union(beats);
        var boundary = Bng.Project(DemoArea.Generated.Boundary);

        var polygon = Assert.IsType<Polygon>(union);
        Assert.Empty(polygon.InteriorRings);
        Assert.InRange(union.Area / boundary.Area, 0.999, 1.001);
        Assert.InRange(union.SymmetricDifference(boundary).Area / boundary.Area, 0, 0.001);
        Assert.InRange(beats.Sum(b => b.Area) / union.Area, 0.999, 1.001);
    }

    [Fact]
    public void No_two_beats_overlap()
    {
        var beats = DemoArea.Files.Beats.Select(b => Bng.Project(b.Geometry)).ToList();
        var index = new STRtree<int>();
        for (var i = 0; i < beats.Count; i++)
        {
            index.Insert(beats[i].EnvelopeInternal, i);
        }

        index.Build();
        var neighbours = 0;
        for (var i = 0; i < beats.Count; i++)
        {
            foreach (var j in index.Query(beats[i].EnvelopeInternal).Where(j => j > i))
            {
                var overlap = beats[i].Intersection(beats[j]).Area;
                Assert.True(overlap < 1e-6, $"Beats {i} and {j} overlap by {overlap} m².");
                neighbours += beats[i].Touches(beats[j]) ? 1 : 0;
            }
        }

        // Neighbouring beats share edges: a tiling of n cells has well over n shared borders.
        Assert.True(neighbours > beats.Count, $"Only {neighbours} touching pairs among {beats.Count} beats.");
    }

    [Fact]
    public void Every_beat_is_a_valid_named_polygon_with_a_team_and_a_known_station()
    {
        var stations = DemoArea.Files.Stations.Select(s => (string)s.Attributes["id"]).ToHashSet();
        var beats = DemoArea.Files.Beats;
        Assert.InRange(beats.Count, 80, 200);
        Assert.Equal(beats.Count, beats.Select(b => (string)b.Attributes["id"]).Distinct().Count());
        Assert.Equal(beats.Count, beats.Select(b => (string)b.Attributes["name"]).Distinct().Count());
        foreach (var beat in beats)
        {
            Assert.IsType<Polygon>(beat.Geometry);
            Assert.True(beat.Geometry.IsValid, $"{beat.Attributes["name"]} is not a valid polygon.");
            Assert.True(NetTopologySuite.Algorithm.Orientation.IsCCW(((Polygon)beat.Geometry).Shell.Coordinates), "RFC 7946: shells run counter-clockwise.");
            Assert.False(string.IsNullOrWhiteSpace((string)beat.Attributes["team"]));
            Assert.Contains((string)beat.Attributes["station"], stations);
        }
    }

    [Fact]
    public void Beats_are_named_after_the_city_centre_districts_and_towns()
    {
        var names = DemoArea.Files.Beats.Select(b => (string)b.Attributes["name"]).ToList();
        Assert.Contains("Leicester Central 01", names);
        Assert.Contains("Wigston 01", names);
        Assert.Contains(names, n => n.Contains(" Rural ", StringComparison.Ordinal));
        Assert.All(names, n => Assert.Matches(@"^.+ \d{2}$", n));
    }

    [Fact]
    public void City_centre_beats_are_smaller_than_country_beats()
    {
        var beats = DemoArea.Files.Beats.Select(b => (Name: (string)b.Attributes["name"], Area: Bng.Project(b.Geometry).Area)).ToList();
        var centre = beats.Where(b => b.Name.StartsWith("Leicester Central", StringComparison.Ordinal)).Average(b => b.Area);
        var rural = beats.Where(b => b.Name.Contains(" Rural ", StringComparison.Ordinal)).Average(b => b.Area);
        Assert.True(centre * 20 < rural, $"Centre beats average {centre:F0} m², country beats {rural:F0} m².");
    }
}
