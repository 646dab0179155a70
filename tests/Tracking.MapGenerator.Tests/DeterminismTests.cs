namespace Tracking.MapGenerator.Tests;

/// <summary>The generator is a pure function of its seed, and the committed demo area is its output.</summary>
public class DeterminismTests
{
    private static readonly string[] Files =
        ["map.json", "beats.geojson", "locations.geojson", "stations.geojson", "roads.geojson", "water.geojson"];

    [Fact]
    public void Generating_twice_with_the_same_seed_writes_identical_files()
    {
        var again = DemoArea.WriteToTemporaryDirectory(ForceAreaGenerator.GenerateArea(new ForceAreaOptions(ForceAreaOptions.DemoSeed)));
        try
        {
            foreach (var file in Files)
            {
                var first = File.ReadAllBytes(Path.Combine(DemoArea.Written, file));
                var second = File.ReadAllBytes(Path.Combine(again, file));
                Assert.True(first.AsSpan().SequenceEqual(second), $"{file} differs between two generations with the same seed.");
            }
        }
        finally
        {
            Directory.Delete(again, recursive: true);
        }
    }

    [Fact]
    public void Committed_demo_area_is_exactly_what_the_generator_makes_with_the_committed_seed()
    {
        foreach (var file in Files)
        {
            var committed = File.ReadAllBytes(Path.Combine(DemoArea.Committed, file));
            var fresh = File.ReadAllBytes(Path.Combine(DemoArea.Written, file));
            Assert.True(
                committed.AsSpan().SequenceEqual(fresh),
                $"maps/leicester/{file} is not what the generator makes: regenerate it (maps/README.md says how).");
        }
    }

    [Fact]
    public void Files_use_lf_line_ends_and_hold_one_feature_per_line()
    {
        var roads = File.ReadAllText(Path.Combine(DemoArea.Committed, "roads.geojson"));
        Assert.DoesNotContain('\r', roads);
        var lines = roads.Split('\n');
        Assert.Equal("{\"type\":\"FeatureCollection\",\"features\":[", lines[0]);
        Assert.Equal(DemoArea.Generated.Map.Roads.Count + 3, lines.Length);
        Assert.Equal("]}", lines[^2]);
        Assert.Equal(string.Empty, lines[^1]);
        Assert.All(lines[1..^2], line => Assert.StartsWith("{\"type\":\"Feature\",", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Map_json_names_the_area_and_british_national_grid()
    {
        var json = File.ReadAllText(Path.Combine(DemoArea.Committed, "map.json"));
        Assert.Equal("{\n    \"name\": \"Leicester (demo force area)\",\n    \"projection\": \"EPSG:27700\"\n}\n", json);
    }

    [Fact]
    public void Coordinates_have_at_most_seven_decimals()
    {
        foreach (var road in DemoArea.Generated.Map.Roads)
        {
            foreach (var coordinate in road.Line.Coordinates)
            {
                Assert.Equal(Math.Round(coordinate.X, 7), coordinate.X);
                Assert.Equal(Math.Round(coordinate.Y, 7), coordinate.Y);
            }
        }
    }

    [Fact]
    public void Committed_files_are_small()
    {
        var bytes = Files.Sum(file => new FileInfo(Path.Combine(DemoArea.Committed, file)).Length);
        Assert.InRange(bytes, 100_000, 3_000_000);
    }
}
