using NetTopologySuite.Geometries;
using OsmSharp;
using OsmSharp.Streams;
using OsmSharp.Tags;
using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

public sealed class OsmPbfRoadReaderTests
{
    [Fact]
    public void Roads_written_to_a_pbf_extract_are_read_back_with_their_coordinates_tags_and_direction()
    {
        var pbf = WritePbf(
            [
                new Node { Id = 1, Latitude = Written(53.7960000), Longitude = Written(-1.5500000) },
                new Node { Id = 2, Latitude = Written(53.7961234), Longitude = Written(-1.5487654) },
                new Node { Id = 3, Latitude = Written(53.7970000), Longitude = Written(-1.5470000) },
                new Node { Id = 4, Latitude = Written(53.7950000), Longitude = Written(-1.5490000) },
            ],
            [
                new Way { Id = 100, Nodes = [1, 2, 3], Tags = new TagsCollection(new Tag("highway", "residential"), new Tag("name", "High Street")) },
                new Way { Id = 101, Nodes = [4, 2], Tags = new TagsCollection(new Tag("highway", "primary"), new Tag("oneway", "-1"), new Tag("maxspeed", "40 mph")) },
                new Way { Id = 102, Nodes = [1, 4], Tags = new TagsCollection(new Tag("highway", "cycleway")) },
                new Way { Id = 103, Nodes = [3, 4], Tags = new TagsCollection(new Tag("highway", "bus_stop_yard")) },
                new Way { Id = 104, Nodes = [3, 77, 4, 1], Tags = new TagsCollection(new Tag("highway", "service")) },
            ]);

        var result = OsmPbfRoadReader.Read(new MemoryStream(pbf), "roads.osm.pbf");

        Assert.Equal(["100", "101", "104"], result.Items.Select(r => r.Id));
        var high = result.Items[0];
        Assert.Equal(("High Street", RoadClass.Residential, false), (high.Name, high.Class, high.OneWay));
        Assert.Equal([new Coordinate(-1.55, 53.796), new Coordinate(-1.5487654, 53.7961234), new Coordinate(-1.547, 53.797)], high.Line.Coordinates);
        var primary = result.Items[1];
        Assert.True(primary.OneWay);
        Assert.Equal([new Coordinate(-1.5487654, 53.7961234), new Coordinate(-1.549, 53.795)], primary.Line.Coordinates);
        Assert.Equal(40 * 0.44704, primary.SpeedMetresPerSecond, 12);
        Assert.Equal([new Coordinate(-1.549, 53.795), new Coordinate(-1.55, 53.796)], result.Items[2].Line.Coordinates);
        Assert.Equal(2, result.Skipped);
        Assert.Equal(
            ["way 103: unknown highway 'bus_stop_yard'", "way 104: 1 of 4 nodes are not in the extract; kept 1 part(s) inside it"],
            result.Problems.Select(p => $"{p.Subject}: {p.Message}"));
    }

    [Fact]
    public void Bytes_that_are_not_a_pbf_raise_a_format_error_naming_the_file()
    {
        var error = Assert.Throws<MapFormatException>(() => OsmPbfRoadReader.Read(MapText.Stream("<osm version=\"0.6\"></osm>"), "roads.osm.pbf"));

        Assert.StartsWith("roads.osm.pbf:", error.Message, StringComparison.Ordinal);
    }

    private static byte[] WritePbf(IEnumerable<Node> nodes, IEnumerable<Way> ways)
    {
        var stream = new MemoryStream();
        var target = new PBFOsmStreamTarget(stream, true, null, null);
        target.Initialize();
        foreach (var node in nodes)
        {
            target.AddNode(WithMeta(node));
        }

        foreach (var way in ways)
        {
            target.AddWay(WithMeta(way));
        }

        target.Flush();
        target.Close();
        return stream.ToArray();
    }

    // PBF holds positions in units of 100 nanodegrees, and OsmSharp's encoder truncates towards zero
    // on the way there (53.796 would be stored as 537959999 units). Half a unit further from zero
    // makes the stored integers the 7-decimal values written in the test.
    private static double Written(double degrees) => degrees + Math.CopySign(0.5e-7, degrees);

    // The encoder writes every element's metadata and needs it present, as in a real extract.
    private static T WithMeta<T>(T element)
        where T : OsmGeo
    {
        element.Version = 1;
        element.ChangeSetId = 1;
        element.TimeStamp = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        element.UserId = 1;
        element.UserName = "mapper";
        element.Visible = true;
        return element;
    }
}
