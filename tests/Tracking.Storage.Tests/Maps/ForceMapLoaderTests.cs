using Tracking.Core.Geo;
using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

public sealed class ForceMapLoaderTests : IDisposable
{
    private const string Beats = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"id":"B1","name":"One"},"geometry":{"type":"Polygon","coordinates":[[[-1.56,53.79],[-1.54,53.79],[-1.54,53.81],[-1.56,53.79]]]}},
          {"type":"Feature","properties":{"id":"B2"},"geometry":{"type":"Polygon","coordinates":[[[-1.56,53.79],[-1.54,53.79],[-1.54,53.81],[-1.56,53.8]]]}}
        ]}
        """;

    private const string Locations = """
        <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Market Square</name>
          <ExtendedData><Data name="id"><value>PL-1</value></Data><Data name="radius"><value>60</value></Data></ExtendedData>
          <Point><coordinates>-1.55,53.8</coordinates></Point></Placemark></Document></kml>
        """;

    private const string Stations = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"ST-1","name":"Central"},"geometry":{"type":"Point","coordinates":[-1.545,53.795]}}]}
        """;

    private const string Roads = """
        <osm version="0.6">
          <node id="1" lat="53.79" lon="-1.56"/><node id="2" lat="53.80" lon="-1.52"/><node id="3" lat="53.81" lon="-1.53"/>
          <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way>
          <way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="path"/></way>
        </osm>
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "map-" + Guid.NewGuid().ToString("N"));

    public ForceMapLoaderTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_directory_of_geojson_kml_and_an_osm_extract_loads_into_one_map_with_its_problems()
    {
        Write("map.json", """{"name":"Hightown","projection":"EPSG:27700"}""");
        Write("beats.geojson", Beats);
        Write("locations.kml", Locations);
        Write("stations.geojson", Stations);
        Write("roads.osm", Roads);

        var result = ForceMapLoader.LoadWithProblems(_directory);

        var map = result.Map;
        Assert.Equal("Hightown", map.Name);
        Assert.Same(MapProjection.BritishNationalGrid, map.Projection);
        Assert.Equal("B1", Assert.Single(map.Beats).Id);
        Assert.Equal(("PL-1", 60.0), (Assert.Single(map.Locations).Id, map.Locations[0].RadiusMetres));
        Assert.Equal("ST-1", Assert.Single(map.Stations).Id);
        Assert.Equal("10", Assert.Single(map.Roads).Id);
        Assert.Equal("beats.geojson: feature 1 ('B2'): Polygon ring not closed: the outer ring's last position must repeat its first", Assert.Single(result.Problems).ToString());
        Assert.Equal(1, result.SkippedRoads);
    }

    [Fact]
    public void A_local_projection_is_centred_on_the_extent_of_every_feature()
    {
        Write("map.json", """{"name":"Anywhere","projection":"local"}""");
        Write("stations.geojson", Stations);
        Write("roads.osm", Roads);

        var map = ForceMapLoader.Load(_directory);

        // Extent: longitude −1.56..−1.52 and latitude 53.79..53.80 (road 10; the path is not a road,
        // the station lies inside); centre (−1.54, 53.795).
        Assert.Equal(MapProjection.Local(-1.54, 53.795).Name, map.Projection.Name);
        var (x, y) = map.Projection.Project(-1.54, 53.795);
        Assert.Equal(0, x, 6);
        Assert.Equal(0, y, 6);
    }

    [Fact]
    public void Two_files_for_the_same_kind_of_feature_are_refused()
    {
        Write("map.json", """{"name":"Hightown","projection":"EPSG:27700"}""");
        Write("roads.osm", Roads);
        Write("roads.geojson", """{"type":"FeatureCollection","features":[]}""");

        var error = Assert.Throws<MapFormatException>(() => ForceMapLoader.Load(_directory));

        Assert.EndsWith("both roads.geojson and roads.osm are present; keep one of them", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_map_json_is_refused_with_what_to_add()
    {
        Write("beats.geojson", Beats);

        var error = Assert.Throws<MapFormatException>(() => ForceMapLoader.Load(_directory));

        Assert.Contains("map.json: not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_projection_is_refused_naming_map_json()
    {
        Write("map.json", """{"name":"Hightown","projection":"EPSG:3857"}""");
        Write("stations.geojson", Stations);

        var error = Assert.Throws<MapFormatException>(() => ForceMapLoader.Load(_directory));

        Assert.Contains("map.json: Unknown map projection 'EPSG:3857'", error.Message, StringComparison.Ordinal);
    }

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_directory, file), text);
}
