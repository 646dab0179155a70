using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

/// <summary>
/// Water (<c>water.geojson</c>): read from a map directory, imported with the rest of the map and loaded back, so every
/// server instance draws it; a map without water still loads and imports, and leaves none behind. Against the real
/// PostGIS, in a database of this class's own (a database holds one force map).
/// </summary>
public sealed class MapWaterTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>, IAsyncLifetime, IDisposable
{
    private const string Water = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"River Soar"},"geometry":{"type":"Polygon","coordinates":[[[-1.15,52.62],[-1.149,52.62],[-1.149,52.64],[-1.15,52.64],[-1.15,52.62]]]}},
          {"type":"Feature","properties":{"name":"River Soar"},"geometry":{"type":"LineString","coordinates":[[-1.1495,52.62],[-1.1495,52.64]]}},
          {"type":"Feature","id":"canal","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[-1.14,52.62],[-1.13,52.63]],[[-1.13,52.63],[-1.12,52.63]]]}},
          {"type":"Feature","properties":{"name":"Well"},"geometry":{"type":"Point","coordinates":[-1.14,52.63]}}
        ]}
        """;

    private static readonly WKTReader Wkt = new();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "map-water-" + Guid.NewGuid().ToString("N"));

    private MapStore Store => new(fixture.Database.DataSource);

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "map.json"), """{"name":"Rivertown","projection":"EPSG:27700"}""");
        File.WriteAllText(Path.Combine(_directory, "stations.geojson"), """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"ST-1","name":"Central"},"geometry":{"type":"Point","coordinates":[-1.135,52.625]}}]}
            """);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_map_directory_gives_its_surfaces_and_lines_of_water_and_reports_what_is_not_water()
    {
        File.WriteAllText(Path.Combine(_directory, "water.geojson"), Water);

        var result = ForceMapLoader.LoadWithProblems(_directory);

        Assert.Equal(
            [("feature-0", "River Soar", "Polygon"), ("feature-1", "River Soar", "LineString"), ("canal", null, "MultiLineString")],
            result.Map.Water.Select(w => (w.Id, w.Name, w.Shape.GeometryType)));
        Assert.Equal(
            "water.geojson: feature 3: water must be a Polygon, MultiPolygon, LineString or MultiLineString, got a Point",
            Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_map_directory_without_water_loads_with_none()
    {
        var result = ForceMapLoader.LoadWithProblems(_directory);

        Assert.Empty(result.Map.Water);
        Assert.Empty(result.Problems);
        Assert.Equal("ST-1", Assert.Single(result.Map.Stations).Id);
    }

    [Fact]
    public async Task Water_is_imported_with_the_map_loaded_back_as_it_was_and_removed_by_a_map_without_it()
    {
        File.WriteAllText(Path.Combine(_directory, "water.geojson"), Water);
        var withWater = ForceMapLoader.Load(_directory);

        var first = await Store.ImportAsync(withWater);
        var loaded = await Store.LoadAsync();

        Assert.Equal(new MapImportCounts(3, 0, 0, 0), first.Water);
        Assert.NotNull(loaded);
        Assert.Equal(withWater.Water.Select(w => (w.Id, w.Name)).OrderBy(w => w.Id, StringComparer.Ordinal), loaded.Water.Select(w => (w.Id, w.Name)));
        foreach (var stored in loaded.Water)
        {
            var expected = withWater.Water.Single(w => w.Id == stored.Id).Shape;
            Assert.True(expected.EqualsExact(stored.Shape), $"{stored.Id}: expected {expected} but got {stored.Shape}");
        }

        var again = await Store.ImportAsync(withWater);
        Assert.Equal(new MapImportCounts(0, 0, 0, 3), again.Water);
        Assert.False(again.ChangedAnything);

        var renamed = withWater with { Water = [.. withWater.Water.Select(w => w.Id == "canal" ? w with { Name = "Grand Union Canal" } : w)] };
        var changed = await Store.ImportAsync(renamed);
        Assert.Equal(new MapImportCounts(0, 1, 0, 2), changed.Water);
        Assert.True(changed.ChangedAnything);

        File.Delete(Path.Combine(_directory, "water.geojson"));
        var dry = await Store.ImportAsync(ForceMapLoader.Load(_directory));
        Assert.Equal(new MapImportCounts(0, 0, 3, 0), dry.Water);
        var reloaded = await Store.LoadAsync();
        Assert.Empty(reloaded!.Water);
        Assert.Equal("ST-1", Assert.Single(reloaded.Stations).Id);
    }

    [Fact]
    public async Task Water_that_is_not_a_surface_or_a_line_or_is_out_of_range_is_refused_and_nothing_is_written()
    {
        var map = new ForceMap("Rivertown", MapProjection.BritishNationalGrid, [], [], [], [])
        {
            Water =
            [
                new WaterFeature("pond", "Pond", Wkt.Read("POINT (-1.14 52.63)")),
                new WaterFeature("sea", null, Wkt.Read("LINESTRING (-1.14 52.63, 200 52.63)")),
                new WaterFeature("river", "River", (LineString)Wkt.Read("LINESTRING (-1.14 52.63, -1.13 52.63)")),
            ],
        };

        var before = await Store.LoadAsync();

        var refused = await Assert.ThrowsAsync<MapValidationException>(() => Store.ImportAsync(map));

        Assert.Contains(refused.Reasons, r => r.StartsWith("water 'pond': expected a Polygon", StringComparison.Ordinal));
        Assert.Contains(refused.Reasons, r => r.StartsWith("water 'sea': coordinate (200, 52.63) is out of range", StringComparison.Ordinal));
        Assert.DoesNotContain(refused.Reasons, r => r.Contains("'river'", StringComparison.Ordinal));
        var after = await Store.LoadAsync();
        Assert.Equal(before?.Water.Select(w => w.Id), after?.Water.Select(w => w.Id));
    }
}
