using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

public sealed class GeoJsonMapReaderTests
{
    [Fact]
    public void Beats_keep_their_ids_names_and_every_coordinate_exactly()
    {
        // Two beats as a force's GIS export writes them: README property names, then upper-case
        // NAME with the id at the Feature level.
        const string Json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"HT-01","name":"Hightown North","team":"Hightown NPT","station":"ST-1"},
               "geometry":{"type":"Polygon","coordinates":[[[-1.5497,53.796],[-1.5401,53.796],[-1.5401,53.8012],[-1.5497,53.8012],[-1.5497,53.796]]]}},
              {"type":"Feature","id":"HT-02","properties":{"NAME":"Riverside"},
               "geometry":{"type":"MultiPolygon","coordinates":[
                 [[[-1.53,53.79],[-1.52,53.79],[-1.52,53.795],[-1.53,53.79]]],
                 [[[-1.51,53.79],[-1.50,53.79],[-1.50,53.795],[-1.51,53.795],[-1.51,53.79]]]]}}
            ]}
            """;

        var result = GeoJsonMapReader.ReadBeats(MapText.Stream(Json), "beats.geojson");

        Assert.Empty(result.Problems);
        Assert.Equal(["HT-01", "HT-02"], result.Items.Select(b => b.Id));
        var north = result.Items[0];
        Assert.Equal("Hightown North", north.Name);
        Assert.Equal("Hightown NPT", north.Team);
        Assert.Equal("ST-1", north.Station);
        var polygon = Assert.IsType<Polygon>(north.Area);
        Assert.Equal(5, polygon.NumPoints);
        Assert.Equal(new Coordinate(-1.5401, 53.8012), polygon.ExteriorRing.GetCoordinateN(2));
        var riverside = result.Items[1];
        Assert.Equal("Riverside", riverside.Name);
        Assert.Null(riverside.Team);
        var multi = Assert.IsType<MultiPolygon>(riverside.Area);
        Assert.Equal(2, multi.NumGeometries);
        Assert.Equal(9, multi.NumPoints);
        Assert.Equal(new Coordinate(-1.50, 53.795), multi.GetGeometryN(1).Coordinates[2]);
    }

    [Fact]
    public void Bad_features_are_reported_by_index_and_the_good_ones_kept()
    {
        const string Json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"B1","name":"One"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
              {"type":"Feature","properties":{"id":"B2"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}},
              {"type":"Feature","properties":{"id":"B3"},"geometry":null},
              {"type":"Feature","properties":{"id":"B4"},"geometry":{"type":"Point","coordinates":[0,0]}},
              {"type":"Feature","properties":{"id":"B5"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}},
              {"type":"Feature","properties":{"name":"no id"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},
              {"type":"Feature","properties":{"id":"B1"},"geometry":{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}},
              {"type":"Feature","properties":{"id":"B8","name":"Eight"},"geometry":{"type":"Polygon","coordinates":[[[3,3],[4,3],[4,4],[3,3]]]}}
            ]}
            """;

        var result = GeoJsonMapReader.ReadBeats(MapText.Stream(Json), "beats.geojson");

        Assert.Equal(["B1", "B8"], result.Items.Select(b => b.Id));
        Assert.Equal(
            ["feature 1 ('B2')", "feature 2 ('B3')", "feature 3 ('B4')", "feature 4 ('B5')", "feature 5", "feature 6 ('B1')"],
            result.Problems.Select(p => p.Subject));
        Assert.All(result.Problems, p => Assert.Equal("beats.geojson", p.Source));
        Assert.Equal("beats.geojson: feature 1 ('B2'): Polygon ring not closed: the outer ring's last position must repeat its first", result.Problems[0].ToString());
        Assert.Equal("no geometry", result.Problems[1].Message);
        Assert.Equal("expected a Polygon or MultiPolygon, got a Point", result.Problems[2].Message);
        Assert.StartsWith("invalid Polygon: Self-intersection at (1, 1)", result.Problems[3].Message, StringComparison.Ordinal);
        Assert.StartsWith("no id", result.Problems[4].Message, StringComparison.Ordinal);
        Assert.Equal("id 'B1' appears more than once; the first is kept", result.Problems[5].Message);
    }

    [Fact]
    public void Locations_read_points_with_radius_polygons_targets_and_start_times()
    {
        const string Json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"PL-1","name":"Market Square","radius":75,"visitsPerDay":3,"minutesPerDay":45.5,"beat":"HT-01"},
               "geometry":{"type":"Point","coordinates":[-1.5443,53.7981]}},
              {"type":"Feature","id":17,"properties":{"Name":"Park gates","visits_per_day":"2","validFrom":"2025-03-01T00:00:00Z"},
               "geometry":{"type":"Polygon","coordinates":[[[-1.55,53.79],[-1.549,53.79],[-1.549,53.791],[-1.55,53.79]]]}},
              {"type":"Feature","properties":{"id":"PL-3","name":"No radius"},"geometry":{"type":"Point","coordinates":[-1.5,53.7]}},
              {"type":"Feature","properties":{"id":"PL-4","radius":6000},"geometry":{"type":"Point","coordinates":[-1.5,53.7]}},
              {"type":"Feature","properties":{"id":"PL-5","radius":50,"visitsPerDay":2.5},"geometry":{"type":"Point","coordinates":[-1.5,53.7]}},
              {"type":"Feature","properties":{"id":"PL-6","radius":50},"geometry":{"type":"Point","coordinates":[-200,53.7]}}
            ]}
            """;

        var result = GeoJsonMapReader.ReadLocations(MapText.Stream(Json), "locations.geojson");

        Assert.Equal(["PL-1", "17"], result.Items.Select(l => l.Id));
        var square = result.Items[0];
        Assert.Equal(new Coordinate(-1.5443, 53.7981), Assert.IsType<Point>(square.Shape).Coordinate);
        Assert.Equal(75, square.RadiusMetres);
        Assert.Equal(new PresenceTargets(3, 45.5), square.Targets);
        Assert.Equal("HT-01", square.BeatId);
        Assert.Equal(DateTimeOffset.MinValue, square.ValidFrom);
        var park = result.Items[1];
        Assert.Equal("Park gates", park.Name);
        Assert.Equal(0, park.RadiusMetres);
        Assert.Equal(new PresenceTargets(2, null), park.Targets);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), park.ValidFrom);
        Assert.Equal(
            [
                "a point location needs a 'radius' in metres",
                "radius 6000 m is out of range: a point location needs a radius above 0 and at most 5000 m",
                "visitsPerDay '2.5' is not a whole number",
                "coordinate (-200, 53.7) is out of range: longitude must be within -180..180 and latitude within -90..90, longitude first",
            ],
            result.Problems.Select(p => p.Message));
    }

    [Fact]
    public void Stations_are_points()
    {
        const string Json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"ST-1","name":"Hightown Police Station"},"geometry":{"type":"Point","coordinates":[-1.547,53.799]}},
              {"type":"Feature","properties":{"id":"ST-2","name":"Not a point"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
            ]}
            """;

        var result = GeoJsonMapReader.ReadStations(MapText.Stream(Json), "stations.geojson");

        var station = Assert.Single(result.Items);
        Assert.Equal("Hightown Police Station", station.Name);
        Assert.Equal(new Coordinate(-1.547, 53.799), station.Position.Coordinate);
        Assert.Equal("feature 1 ('ST-2')", Assert.Single(result.Problems).Subject);
    }

    [Fact]
    public void Roads_read_class_speed_and_direction_and_reverse_a_minus_one_oneway()
    {
        const string Json = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"id":"r1","name":"High Street","highway":"residential","maxspeed":"20 mph"},
               "geometry":{"type":"LineString","coordinates":[[-1.55,53.79],[-1.549,53.79],[-1.548,53.791]]}},
              {"type":"Feature","properties":{"id":"r2","highway":"primary_link","oneway":"-1","maxspeed":"fast"},
               "geometry":{"type":"LineString","coordinates":[[-1.548,53.791],[-1.547,53.792]]}},
              {"type":"Feature","properties":{"id":"r3","highway":"trunk","oneway":true,"maxspeed":"50"},
               "geometry":{"type":"MultiLineString","coordinates":[[[-1.54,53.79],[-1.53,53.79]],[[-1.53,53.79],[-1.52,53.79]]]}},
              {"type":"Feature","properties":{"id":"r4","highway":"motorway","oneway":"no"},
               "geometry":{"type":"LineString","coordinates":[[-1.5,53.8],[-1.4,53.8]]}},
              {"type":"Feature","properties":{"id":"r5","highway":"tertiary","junction":"roundabout"},
               "geometry":{"type":"LineString","coordinates":[[-1.5,53.8],[-1.5,53.801],[-1.499,53.8],[-1.5,53.8]]}},
              {"type":"Feature","properties":{"id":"f1","highway":"footway"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},
              {"type":"Feature","properties":{"id":"x1","highway":"yes"},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}
            ]}
            """;

        var result = GeoJsonMapReader.ReadRoads(MapText.Stream(Json), "roads.geojson");

        Assert.Equal(["r1", "r2", "r3#1", "r3#2", "r4", "r5"], result.Items.Select(r => r.Id));
        var high = result.Items[0];
        Assert.Equal((RoadClass.Residential, "High Street", false), (high.Class, high.Name, high.OneWay));
        Assert.Equal(20 * 0.44704, high.SpeedMetresPerSecond, 12);
        Assert.Equal(3, high.Line.NumPoints);
        var link = result.Items[1];
        Assert.Equal(RoadClass.Primary, link.Class);
        Assert.True(link.OneWay);
        Assert.Equal(RoadClasses.DefaultSpeed(RoadClass.Primary), link.SpeedMetresPerSecond);
        Assert.Equal([new Coordinate(-1.547, 53.792), new Coordinate(-1.548, 53.791)], link.Line.Coordinates);
        Assert.All(result.Items.Skip(2).Take(2), r => Assert.Equal((RoadClass.Trunk, true), (r.Class, r.OneWay)));
        Assert.Equal(50 / 3.6, result.Items[2].SpeedMetresPerSecond, 12);
        Assert.Equal(new Coordinate(-1.52, 53.79), result.Items[3].Line.EndPoint.Coordinate);
        Assert.False(result.Items[4].OneWay);
        Assert.True(result.Items[5].OneWay);
        Assert.Equal(2, result.Skipped);
        Assert.Equal("roads.geojson: feature 6 ('x1'): unknown highway 'yes'", Assert.Single(result.Problems).ToString());
    }

    [Fact]
    public void A_file_that_is_not_json_raises_a_format_error_naming_the_file()
    {
        var error = Assert.Throws<MapFormatException>(() => GeoJsonMapReader.ReadBeats(MapText.Stream("<kml></kml>"), "beats.geojson"));

        Assert.StartsWith("beats.geojson: not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_that_is_not_a_feature_collection_raises_a_format_error()
    {
        var error = Assert.Throws<MapFormatException>(() => GeoJsonMapReader.ReadStations(MapText.Stream("""{"type":"Point","coordinates":[0,0]}"""), "stations.geojson"));

        Assert.StartsWith("stations.geojson: not a GeoJSON FeatureCollection", error.Message, StringComparison.Ordinal);
    }
}
