using System.IO.Compression;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

public sealed class KmlMapReaderTests
{
    // Laid out as police.uk's neighbourhood boundary downloads are: one Document, one Placemark with
    // a name and a Polygon whose outer ring is "lon,lat,alt" tuples separated by whitespace.
    private const string NeighbourhoodBoundary = """
        <?xml version="1.0" encoding="UTF-8"?>
        <kml xmlns="http://www.opengis.net/kml/2.2">
        <Document>
        <Placemark>
        <name>Hightown</name>
        <Polygon>
        <outerBoundaryIs>
        <LinearRing>
        <coordinates>
        -1.5497,53.796,0 -1.5401,53.796,0 -1.5401,53.8012,0
        -1.5497,53.8012,0 -1.5497,53.796,0
        </coordinates>
        </LinearRing>
        </outerBoundaryIs>
        </Polygon>
        </Placemark>
        </Document>
        </kml>
        """;

    [Fact]
    public void A_police_neighbourhood_boundary_becomes_a_beat_named_and_identified_by_its_placemark()
    {
        var result = KmlMapReader.ReadBeats(MapText.Stream(NeighbourhoodBoundary), "E05001234.kml");

        Assert.Empty(result.Problems);
        var beat = Assert.Single(result.Items);
        Assert.Equal(("Hightown", "Hightown"), (beat.Id, beat.Name));
        var polygon = Assert.IsType<Polygon>(beat.Area);
        Assert.Equal(
            [
                new Coordinate(-1.5497, 53.796), new Coordinate(-1.5401, 53.796), new Coordinate(-1.5401, 53.8012),
                new Coordinate(-1.5497, 53.8012), new Coordinate(-1.5497, 53.796),
            ],
            polygon.ExteriorRing.Coordinates);
    }

    [Fact]
    public void Placemarks_in_nested_folders_read_extended_data_holes_and_multi_geometry()
    {
        const string Kml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2">
            <Document>
              <Schema name="beats" id="beats"><SimpleField name="id" type="string"/><SimpleField name="team" type="string"/></Schema>
              <Folder><name>North</name>
                <Folder><name>Inner</name>
                  <Placemark id="pm-7">
                    <name>Canal Basin</name>
                    <ExtendedData><SchemaData schemaUrl="#beats"><SimpleData name="id">CB-1</SimpleData><SimpleData name="team">City Centre NPT</SimpleData></SchemaData></ExtendedData>
                    <Polygon>
                      <outerBoundaryIs><LinearRing><coordinates>0,0 4,0 4,4 0,4 0,0</coordinates></LinearRing></outerBoundaryIs>
                      <innerBoundaryIs><LinearRing><coordinates>1,1 1,2 2,2 2,1 1,1</coordinates></LinearRing></innerBoundaryIs>
                    </Polygon>
                  </Placemark>
                </Folder>
              </Folder>
              <Placemark id="pm-8">
                <name>Two Islands</name>
                <ExtendedData><Data name="Station"><value>ST-2</value></Data></ExtendedData>
                <MultiGeometry>
                  <Polygon><outerBoundaryIs><LinearRing><coordinates>10,0 11,0 11,1 10,0</coordinates></LinearRing></outerBoundaryIs></Polygon>
                  <Polygon><outerBoundaryIs><LinearRing><coordinates>12,0 13,0 13,1 12,0</coordinates></LinearRing></outerBoundaryIs></Polygon>
                </MultiGeometry>
              </Placemark>
            </Document>
            </kml>
            """;

        var result = KmlMapReader.ReadBeats(MapText.Stream(Kml), "beats.kml");

        Assert.Empty(result.Problems);
        Assert.Equal(["CB-1", "pm-8"], result.Items.Select(b => b.Id));
        var basin = result.Items[0];
        Assert.Equal(("Canal Basin", "City Centre NPT"), (basin.Name, basin.Team));
        var polygon = Assert.IsType<Polygon>(basin.Area);
        Assert.Equal(1, polygon.NumInteriorRings);
        Assert.Equal(15, polygon.Area);
        var islands = result.Items[1];
        Assert.Equal("ST-2", islands.Station);
        var multi = Assert.IsType<MultiPolygon>(islands.Area);
        Assert.Equal(2, multi.NumGeometries);
        Assert.Equal(new Coordinate(13, 1), multi.GetGeometryN(1).Coordinates[2]);
    }

    [Fact]
    public void Point_placemarks_with_a_radius_become_priority_locations()
    {
        const string Kml = """
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document>
              <Placemark>
                <name>Market Square</name>
                <ExtendedData>
                  <Data name="id"><value>PL-1</value></Data>
                  <Data name="radius"><value>75</value></Data>
                  <Data name="visitsPerDay"><value>3</value></Data>
                  <Data name="minutes_per_day"><value>40</value></Data>
                </ExtendedData>
                <Point><coordinates>-1.5443,53.7981,0</coordinates></Point>
              </Placemark>
            </Document></kml>
            """;

        var result = KmlMapReader.ReadLocations(MapText.Stream(Kml), "locations.kml");

        var location = Assert.Single(result.Items);
        Assert.Equal(("PL-1", "Market Square", 75.0), (location.Id, location.Name, location.RadiusMetres));
        Assert.Equal(new PresenceTargets(3, 40), location.Targets);
        Assert.Equal(new Coordinate(-1.5443, 53.7981), Assert.IsType<Point>(location.Shape).Coordinate);
    }

    [Fact]
    public void Bad_placemarks_are_reported_by_index_and_name_and_the_good_ones_kept()
    {
        const string Kml = """
            <kml xmlns="http://www.opengis.net/kml/2.2"><Document>
              <Placemark><name>Open ring</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,1</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
              <Placemark><name>Good</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
              <Placemark><name>A path</name><LineString><coordinates>0,0 1,1</coordinates></LineString></Placemark>
              <Placemark><name>Bad tuple</name><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1;0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
              <Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1 0,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
            </Document></kml>
            """;

        var result = KmlMapReader.ReadBeats(MapText.Stream(Kml), "beats.kml");

        Assert.Equal("Good", Assert.Single(result.Items).Id);
        Assert.Equal(
            [
                "beats.kml: placemark 0 'Open ring': Polygon ring not closed: the outer ring's last position must repeat its first",
                "beats.kml: placemark 2 'A path': unsupported geometry 'LineString': beats and locations are Polygon, MultiGeometry of polygons, or Point",
                "beats.kml: placemark 3 'Bad tuple': coordinate tuple '1;0' is not lon,lat[,alt]",
                "beats.kml: placemark 4: no id (an 'id' property or a feature id is needed)",
            ],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void A_kmz_is_read_like_the_kml_inside_it()
    {
        using var kmz = new MemoryStream();
        using (var zip = new ZipArchive(kmz, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("doc.kml").Open());
            entry.Write(NeighbourhoodBoundary);
        }

        kmz.Position = 0;
        var result = KmlMapReader.ReadBeats(kmz, "beats.kmz");

        Assert.Equal(5, Assert.Single(result.Items).Area.NumPoints);
    }

    [Fact]
    public void A_file_that_is_not_xml_raises_a_format_error_naming_the_file()
    {
        var error = Assert.Throws<MapFormatException>(() => KmlMapReader.ReadBeats(MapText.Stream("""{"type":"FeatureCollection"}"""), "beats.kml"));

        Assert.StartsWith("beats.kml: not valid XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_that_is_not_kml_raises_a_format_error()
    {
        var error = Assert.Throws<MapFormatException>(() => KmlMapReader.ReadBeats(MapText.Stream("<osm version=\"0.6\"/>"), "beats.kml"));

        Assert.Equal("beats.kml: not a KML document (the root element is 'osm', expected 'kml')", error.Message);
    }
}
