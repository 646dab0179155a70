using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Geo.Matching;

namespace Tracking.Core.Tests.Geo.Matching;

public sealed class MapAreasTests
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);
    private static readonly DateTimeOffset Jan2024 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Jun2024 = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Jan2025 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Polygon Box(double minLon, double minLat, double maxLon, double maxLat) => Wgs84.CreatePolygon(
    [
        new Coordinate(minLon, minLat), new Coordinate(maxLon, minLat), new Coordinate(maxLon, maxLat),
        new Coordinate(minLon, maxLat), new Coordinate(minLon, minLat),
    ]);

    /// <summary>Leicester city centre: one beat, a clock tower point location, and a market square in two versions.</summary>
    private static ForceMap Map() => new(
        "Test force",
        MapProjection.BritishNationalGrid,
        [new Beat("LC01", "Clock Tower", Box(-1.14, 52.63, -1.12, 52.64))],
        [
            new PriorityLocation("clock", "Clock Tower", Wgs84.CreatePoint(new Coordinate(-1.1335, 52.6365)), 150, PresenceTargets.None, Jan2024),
            new PriorityLocation("market", "Market v1", Box(-1.136, 52.634, -1.134, 52.635), 0, PresenceTargets.None, DateTimeOffset.MinValue, Jun2024),
            new PriorityLocation("market", "Market v2", Box(-1.137, 52.634, -1.134, 52.6355), 0, PresenceTargets.None, Jun2024),
            new PriorityLocation("stadium", "Stadium", Box(-1.125, 52.631, -1.123, 52.632), 0, PresenceTargets.None, Jan2025),
        ],
        [],
        []);

    private static void AssertHasVertex(Geometry metres, double longitude, double latitude)
    {
        var (x, y) = MapProjection.BritishNationalGrid.Project(longitude, latitude);
        Assert.Contains(metres.Coordinates, c => Math.Abs(c.X - x) < 1e-6 && Math.Abs(c.Y - y) < 1e-6);
    }

    [Fact]
    public void Beats_come_first_then_the_location_versions_valid_at_the_time()
    {
        var areas = MapAreas.FromForceMap(Map(), new DateTimeOffset(2024, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal([("LC01", AreaKind.Beat), ("clock", AreaKind.Location), ("market", AreaKind.Location)], areas.Select(a => (a.Id, a.Kind)));
        // Version 1 of the market: its north-west corner is at (-1.136, 52.635).
        AssertHasVertex(areas[2].Metres, -1.136, 52.635);
    }

    [Fact]
    public void A_version_ending_at_the_time_is_replaced_by_the_one_starting_then()
    {
        var areas = MapAreas.FromForceMap(Map(), Jun2024);
        Assert.Equal(["LC01", "clock", "market"], areas.Select(a => a.Id));
        AssertHasVertex(areas[2].Metres, -1.137, 52.6355);
    }

    [Fact]
    public void A_location_not_yet_valid_is_left_out_and_included_once_valid()
    {
        Assert.DoesNotContain("stadium", MapAreas.FromForceMap(Map(), Jan2025.AddTicks(-1)).Select(a => a.Id));
        Assert.Contains("stadium", MapAreas.FromForceMap(Map(), Jan2025).Select(a => a.Id));
        Assert.Equal(["LC01", "market"], MapAreas.FromForceMap(Map(), Jan2024.AddDays(-1)).Select(a => a.Id));
    }

    [Fact]
    public void A_point_location_becomes_a_circle_of_its_radius_at_its_projected_centre()
    {
        var clock = MapAreas.FromForceMap(Map(), Jun2024)[1];
        var (x, y) = MapProjection.BritishNationalGrid.Project(-1.1335, 52.6365);
        var centre = Assert.IsType<Point>(clock.Metres);
        Assert.Equal(x, centre.X, 6);
        Assert.Equal(y, centre.Y, 6);
        Assert.Equal(150, clock.RadiusMetres);
        Assert.All(MapAreas.FromForceMap(Map(), Jun2024).Where(a => a.Id != "clock"), a => Assert.Equal(0, a.RadiusMetres));
    }

    [Fact]
    public void The_index_built_from_the_map_matches_a_fix_near_the_clock_tower()
    {
        var index = MapAreas.BuildIndex(Map(), Jun2024);
        var (x, y) = MapProjection.BritishNationalGrid.Project(-1.1335, 52.6365);
        var locations = new List<int>();
        Assert.Equal(0, index.LocateBeatAndLocations(x + 100, y - 100, locations));   // 141 m from the tower
        Assert.Equal([1], locations);
        Assert.Equal(0, index.LocateBeatAndLocations(x + 110, y - 110, locations));   // 156 m: outside the circle
        Assert.Empty(locations);
    }
}
