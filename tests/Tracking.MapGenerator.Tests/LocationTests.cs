using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo;

namespace Tracking.MapGenerator.Tests;

/// <summary>Priority locations: each in its beat, sized and targeted plausibly, a few overlapping.</summary>
public class LocationTests
{
    private static readonly MapProjection Bng = MapProjection.BritishNationalGrid;

    private static IReadOnlyList<IFeature> Locations => DemoArea.Files.Locations;

    [Fact]
    public void Every_location_lies_inside_the_beat_it_names()
    {
        var beats = DemoArea.Files.Beats.ToDictionary(b => (string)b.Attributes["id"], b => b.Geometry);
        foreach (var location in Locations)
        {
            var beat = beats[(string)location.Attributes["beat"]];
            Assert.True(beat.Contains(location.Geometry.Centroid), $"{location.Attributes["name"]} is not in its beat.");
        }
    }

    [Fact]
    public void Ids_and_names_are_unique_and_there_are_forty_to_eighty_locations()
    {
        Assert.InRange(Locations.Count, 40, 80);
        Assert.Equal(Locations.Count, Locations.Select(l => (string)l.Attributes["id"]).Distinct().Count());
        Assert.Equal(Locations.Count, Locations.Select(l => (string)l.Attributes["name"]).Distinct().Count());
    }

    [Fact]
    public void Points_have_radii_of_25_to_150_metres_and_polygons_span_50_to_400_metres()
    {
        var points = Locations.Where(l => l.Geometry is Point).ToList();
        var polygons = Locations.Where(l => l.Geometry is Polygon).ToList();
        Assert.True(points.Count >= 15, $"Only {points.Count} point locations.");
        Assert.True(polygons.Count >= 10, $"Only {polygons.Count} polygon locations.");
        Assert.Equal(Locations.Count, points.Count + polygons.Count);
        Assert.All(points, p => Assert.InRange(Convert.ToDouble(p.Attributes["radius"], System.Globalization.CultureInfo.InvariantCulture), 25, 150));
        foreach (var polygon in polygons)
        {
            Assert.False(polygon.Attributes.Exists("radius"));
            var metres = Bng.Project(polygon.Geometry);
            var coordinates = metres.Coordinates;
            var span = coordinates.SelectMany(a => coordinates.Select(b => a.Distance(b))).Max();
            Assert.True(polygon.Geometry.IsValid);
            Assert.InRange(span, 50, 400);
        }
    }

    [Fact]
    public void Targets_ask_for_one_to_six_visits_and_ten_to_one_hundred_and_twenty_minutes_a_day()
    {
        foreach (var location in Locations)
        {
            Assert.InRange(Convert.ToInt32(location.Attributes["visitsPerDay"], System.Globalization.CultureInfo.InvariantCulture), 1, 6);
            Assert.InRange(Convert.ToDouble(location.Attributes["minutesPerDay"], System.Globalization.CultureInfo.InvariantCulture), 10, 120);
        }
    }

    [Fact]
    public void A_few_locations_overlap_each_other()
    {
        var areas = Locations.Select(l => Bng.Project(l.Geometry) is Point point
            ? point.Buffer(Convert.ToDouble(l.Attributes["radius"], System.Globalization.CultureInfo.InvariantCulture))
            : Bng.Project(l.Geometry)).ToList();
        var overlapping = 0;
        for (var i = 0; i < areas.Count; i++)
        {
            for (var j = i + 1; j < areas.Count; j++)
            {
                overlapping += areas[i].Intersects(areas[j]) ? 1 : 0;
            }
        }

        Assert.InRange(overlapping, 3, 12);
    }

    [Fact]
    public void Stations_are_four_to_eight_points_with_headquarters_in_the_centre()
    {
        var stations = DemoArea.Files.Stations;
        Assert.InRange(stations.Count, 4, 8);
        Assert.All(stations, s => Assert.IsType<Point>(s.Geometry));
        var headquarters = stations.Single(s => (string)s.Attributes["name"] == "Leicester Central Police Station");
        var centre = DemoArea.Files.Beats.Where(b => ((string)b.Attributes["name"]).StartsWith("Leicester Central", StringComparison.Ordinal));
        Assert.Contains(centre, b => b.Geometry.Contains(headquarters.Geometry));
    }
}
