using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;

namespace Tracking.Storage.Tests.Maps;

public sealed class OsmXmlRoadReaderTests
{
    // A hand-made extract in the OSM API 0.6 XML format. Node 2 is shared by ways 100 and 101;
    // node 99 is referenced by way 108 but lies outside the extract.
    private const string Extract = """
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6" generator="hand">
          <bounds minlat="53.79" minlon="-1.56" maxlat="53.81" maxlon="-1.53"/>
          <node id="1" lat="53.7960000" lon="-1.5500000"/>
          <node id="2" lat="53.7961234" lon="-1.5487654"><tag k="highway" v="traffic_signals"/></node>
          <node id="3" lat="53.7970000" lon="-1.5470000"/>
          <node id="4" lat="53.7950000" lon="-1.5490000"/>
          <node id="5" lat="53.7975000" lon="-1.5485000"/>
          <node id="6" lat="53.7980000" lon="-1.5460000"/>
          <node id="7" lat="53.8000000" lon="-1.5400000" action="delete"/>
          <way id="100">
            <nd ref="1"/><nd ref="2"/><nd ref="3"/>
            <tag k="highway" v="residential"/><tag k="name" v="High Street"/><tag k="maxspeed" v="banana"/>
          </way>
          <way id="101">
            <nd ref="4"/><nd ref="2"/><nd ref="5"/>
            <tag k="highway" v="primary"/><tag k="ref" v="A61"/><tag k="maxspeed" v="30 mph"/>
          </way>
          <way id="102">
            <nd ref="3"/><nd ref="6"/>
            <tag k="highway" v="tertiary"/><tag k="oneway" v="-1"/>
          </way>
          <way id="103">
            <nd ref="3"/><nd ref="5"/><nd ref="6"/><nd ref="3"/>
            <tag k="highway" v="secondary"/><tag k="junction" v="roundabout"/>
          </way>
          <way id="104">
            <nd ref="4"/><nd ref="1"/>
            <tag k="highway" v="motorway"/>
          </way>
          <way id="105">
            <nd ref="1"/><nd ref="4"/>
            <tag k="highway" v="motorway_link"/><tag k="oneway" v="no"/>
          </way>
          <way id="106">
            <nd ref="1"/><nd ref="6"/>
            <tag k="highway" v="footway"/>
          </way>
          <way id="107">
            <nd ref="1"/><nd ref="5"/>
            <tag k="highway" v="yes"/>
          </way>
          <way id="108">
            <nd ref="4"/><nd ref="99"/><nd ref="5"/><nd ref="6"/>
            <tag k="highway" v="service"/><tag k="oneway" v="yes"/>
          </way>
          <way id="109">
            <nd ref="1"/><nd ref="2"/><nd ref="5"/><nd ref="1"/>
            <tag k="building" v="yes"/>
          </way>
          <way id="110">
            <nd ref="6"/><nd ref="7"/>
            <tag k="highway" v="unclassified"/>
          </way>
          <relation id="900"><member type="way" ref="100" role=""/><tag k="type" v="route"/></relation>
        </osm>
        """;

    [Fact]
    public void Every_drivable_way_becomes_a_road_with_its_interior_nodes_so_ways_join_where_they_share_one()
    {
        var result = OsmXmlRoadReader.Read(MapText.Stream(Extract), "roads.osm");

        Assert.Equal(["100", "101", "102", "103", "104", "105", "108"], result.Items.Select(r => r.Id));
        var high = result.Items[0];
        var a61 = result.Items[1];
        var shared = new Coordinate(-1.5487654, 53.7961234);
        Assert.Equal([new Coordinate(-1.55, 53.796), shared, new Coordinate(-1.547, 53.797)], high.Line.Coordinates);
        Assert.Equal(shared, a61.Line.GetCoordinateN(1));
        Assert.Equal(("High Street", RoadClass.Residential), (high.Name, high.Class));
        Assert.Equal(("A61", RoadClass.Primary), (a61.Name, a61.Class));
    }

    [Fact]
    public void Speeds_come_from_maxspeed_or_the_class_default_when_it_cannot_be_read()
    {
        var roads = OsmXmlRoadReader.Read(MapText.Stream(Extract), "roads.osm").Items;

        Assert.Equal(RoadClasses.DefaultSpeed(RoadClass.Residential), roads[0].SpeedMetresPerSecond);
        Assert.Equal(30 * 0.44704, roads[1].SpeedMetresPerSecond, 12);
    }

    [Fact]
    public void Oneway_minus_one_reverses_the_line_and_motorways_and_roundabouts_are_one_way_unless_tagged_otherwise()
    {
        var roads = OsmXmlRoadReader.Read(MapText.Stream(Extract), "roads.osm").Items.ToDictionary(r => r.Id);

        Assert.True(roads["102"].OneWay);
        Assert.Equal([new Coordinate(-1.546, 53.798), new Coordinate(-1.547, 53.797)], roads["102"].Line.Coordinates);
        Assert.True(roads["103"].OneWay);
        Assert.True(roads["103"].Line.IsClosed);
        Assert.True(roads["104"].OneWay);
        Assert.Equal(RoadClass.Motorway, roads["105"].Class);
        Assert.False(roads["105"].OneWay);
        Assert.False(roads["100"].OneWay);
        Assert.True(roads["108"].OneWay);
    }

    [Fact]
    public void Footways_are_counted_unknown_highways_reported_and_ways_leaving_the_extract_clipped()
    {
        var result = OsmXmlRoadReader.Read(MapText.Stream(Extract), "roads.osm");

        // Way 108 runs 4 → 99 (missing) → 5 → 6: only the part inside, 5 → 6, is kept.
        var clipped = result.Items.Single(r => r.Id == "108");
        Assert.Equal([new Coordinate(-1.5485, 53.7975), new Coordinate(-1.546, 53.798)], clipped.Line.Coordinates);
        Assert.Equal(
            [
                "roads.osm: way 107: unknown highway 'yes'",
                "roads.osm: way 108: 1 of 4 nodes are not in the extract; kept 1 part(s) inside it",
                "roads.osm: way 110: 1 of 2 nodes are not in the extract; no part of 2 or more nodes is left, skipped",
            ],
            result.Problems.Select(p => p.ToString()));

        // footway 106, unknown 107, and 110 whose deleted node leaves nothing.
        Assert.Equal(3, result.Skipped);
    }

    [Fact]
    public void A_file_that_is_not_osm_xml_raises_a_format_error_naming_the_file()
    {
        var notXml = Assert.Throws<MapFormatException>(() => OsmXmlRoadReader.Read(MapText.Stream("not xml at all"), "roads.osm"));
        var notOsm = Assert.Throws<MapFormatException>(() => OsmXmlRoadReader.Read(MapText.Stream("<kml/>"), "roads.osm"));

        Assert.StartsWith("roads.osm: not valid XML", notXml.Message, StringComparison.Ordinal);
        Assert.Equal("roads.osm: not an OpenStreetMap XML file (the root element is 'kml', expected 'osm')", notOsm.Message);
    }
}
