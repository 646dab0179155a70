using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;
using Tracking.Storage.Maps;
using Tracking.Storage.Migrations;
using Tracking.Testing;

namespace Tracking.Storage.Tests.Maps;

/// <summary>
/// Against the real PostGIS. A database holds one force map, so the tests of this class share one
/// migrated database and each starts from empty map tables (xUnit runs a class's tests one at a time).
/// </summary>
public sealed class MapStoreTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset January = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly WKTReader Wkt = new();

    private readonly FixedClock _clock = new(January);
    private MapStore Store => new(Database.DataSource, _clock);

    private TestDatabase Database => fixture.Database;

    public Task InitializeAsync() => ExecuteAsync("TRUNCATE force_map, beats, stations, roads, priority_locations");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Loading_gives_back_exactly_what_was_imported()
    {
        var map = SampleMap();

        await Store.ImportAsync(map);
        var loaded = await Store.LoadAsync();

        Assert.NotNull(loaded);
        Assert.Equal("Hightown", loaded.Name);
        Assert.Same(MapProjection.BritishNationalGrid, loaded.Projection);
        Assert.Equal(map.Beats.Count, loaded.Beats.Count);
        foreach (var (expected, actual) in map.Beats.Zip(loaded.Beats))
        {
            Assert.Equal((expected.Id, expected.Name, expected.Team, expected.Station), (actual.Id, actual.Name, actual.Team, actual.Station));
            AssertSameGeometry(expected.Area, actual.Area);
        }

        var station = Assert.Single(loaded.Stations);
        Assert.Equal(("ST-1", "Hightown Police Station"), (station.Id, station.Name));
        AssertSameGeometry(map.Stations[0].Position, station.Position);
        Assert.Equal(map.Roads.Select(r => (r.Id, r.Name, r.Class, r.SpeedMetresPerSecond, r.OneWay)), loaded.Roads.Select(r => (r.Id, r.Name, r.Class, r.SpeedMetresPerSecond, r.OneWay)));
        foreach (var (expected, actual) in map.Roads.Zip(loaded.Roads))
        {
            AssertSameGeometry(expected.Line, actual.Line);
        }

        Assert.Equal(map.Locations.Select(l => l.Id), loaded.Locations.Select(l => l.Id));
        foreach (var (expected, actual) in map.Locations.Zip(loaded.Locations))
        {
            Assert.Equal(
                (expected.Name, expected.RadiusMetres, expected.Targets, expected.ValidFrom, expected.ValidTo, expected.BeatId),
                (actual.Name, actual.RadiusMetres, actual.Targets, actual.ValidFrom, actual.ValidTo, actual.BeatId));
            AssertSameGeometry(expected.Shape, actual.Shape);
        }
    }

    [Fact]
    public async Task A_local_projection_keeps_its_centre_through_the_database()
    {
        var map = SampleMap() with { Projection = MapProjection.Local(-1.5441, 53.7983) };

        await Store.ImportAsync(map);
        var loaded = await Store.LoadAsync();

        Assert.Equal("local(-1.5441,53.7983)", loaded!.Projection.Name);
    }

    [Fact]
    public async Task Importing_the_same_map_again_changes_nothing()
    {
        var map = SampleMap();
        var first = await Store.ImportAsync(map);
        var rowVersions = await RowVersionsAsync();

        _clock.Now = March;
        var second = await Store.ImportAsync(map);

        Assert.True(first.ChangedAnything);
        Assert.Equal(new MapImportCounts(3, 0, 0, 0), first.Beats);
        Assert.False(second.ChangedAnything);
        Assert.Equal(new MapImportCounts(0, 0, 0, 3), second.Beats);
        Assert.Equal(new MapImportCounts(0, 0, 0, 2), second.Locations);
        Assert.Equal(rowVersions, await RowVersionsAsync());
        Assert.Single(await Store.GetLocationHistoryAsync("PL-1"));
    }

    [Fact]
    public async Task A_location_changed_in_the_file_gets_a_new_version_from_the_import_time_and_the_old_one_stays_for_the_past()
    {
        var map = SampleMap();
        await Store.ImportAsync(map);
        var changed = map with
        {
            Locations = [map.Locations[0] with { Targets = new PresenceTargets(5, 60) }, map.Locations[1]],
            Roads = map.Roads.Take(1).ToList(),
        };

        var result = await Store.ImportAsync(changed, new MapImportOptions(EffectiveAt: March));

        Assert.Equal(new MapImportCounts(0, 1, 0, 1), result.Locations);
        Assert.Equal(new MapImportCounts(0, 0, 1, 1), result.Roads);
        var history = await Store.GetLocationHistoryAsync("PL-1");
        Assert.Equal(
            [(DateTimeOffset.MinValue, (DateTimeOffset?)March, new PresenceTargets(3, 45.5)), (March, null, new PresenceTargets(5, 60))],
            history.Select(v => (v.ValidFrom, v.ValidTo, v.Targets)));
        Assert.Equal(new PresenceTargets(3, 45.5), (await Store.LoadAsync(March.AddSeconds(-1)))!.Locations.Single(l => l.Id == "PL-1").Targets);
        Assert.Equal(new PresenceTargets(5, 60), (await Store.LoadAsync(March))!.Locations.Single(l => l.Id == "PL-1").Targets);
        Assert.Single((await Store.LoadAsync(March))!.Roads);
    }

    [Fact]
    public async Task A_change_shows_the_old_version_before_it_takes_effect_and_the_new_one_after()
    {
        await Store.ImportAsync(SampleMap());
        var circle = (Point)Wkt.Read("POINT (-1.5443 53.7981)");

        var result = await Store.ChangeLocationAsync("PL-2", new LocationChanges(Name: "Market Cross", Shape: circle, RadiusMetres: 120), March);

        Assert.Equal(LocationChangeStatus.Done, result.Status);
        var before = (await Store.LoadAsync(March.AddMinutes(-1)))!.Locations.Single(l => l.Id == "PL-2");
        var after = (await Store.LoadAsync(March.AddMinutes(1)))!.Locations.Single(l => l.Id == "PL-2");
        Assert.Equal(("Park gates", 0.0), (before.Name, before.RadiusMetres));
        Assert.IsType<Polygon>(before.Shape);
        Assert.Equal(("Market Cross", 120.0, March), (after.Name, after.RadiusMetres, after.ValidFrom));
        AssertSameGeometry(circle, after.Shape);
        Assert.Equal(before.Targets, after.Targets);
    }

    [Fact]
    public async Task A_retired_location_is_gone_after_its_retirement_and_still_there_before()
    {
        await Store.ImportAsync(SampleMap());

        var retired = await Store.RetireLocationAsync("PL-1", March);

        Assert.Equal(LocationChangeStatus.Done, retired.Status);
        Assert.Contains((await Store.LoadAsync(March.AddTicks(-1)))!.Locations, l => l.Id == "PL-1");
        Assert.DoesNotContain((await Store.LoadAsync(March))!.Locations, l => l.Id == "PL-1");
        Assert.Equal(March, Assert.Single(await Store.GetLocationHistoryAsync("PL-1")).ValidTo);
        Assert.Equal(LocationChangeStatus.NotFound, (await Store.RetireLocationAsync("PL-1", March.AddDays(1))).Status);
        Assert.Equal(LocationChangeStatus.NotFound, (await Store.ChangeLocationAsync("PL-1", new LocationChanges(Name: "Back"), March.AddDays(1))).Status);
    }

    [Fact]
    public async Task A_new_location_is_added_once_and_a_second_add_of_its_id_conflicts()
    {
        await Store.ImportAsync(SampleMap());
        var kiosk = new PriorityLocation("PL-9", "Kiosk", Wkt.Read("POINT (-1.55 53.8)"), 40, new PresenceTargets(1), March);

        var first = await Store.AddLocationAsync(kiosk);
        var second = await Store.AddLocationAsync(kiosk with { Name = "Other" });

        Assert.Equal(LocationChangeStatus.Done, first.Status);
        Assert.Equal(LocationChangeStatus.Conflict, second.Status);
        Assert.Equal("Kiosk", Assert.Single(await Store.GetLocationHistoryAsync("PL-9")).Name);
        Assert.DoesNotContain((await Store.LoadAsync(January))!.Locations, l => l.Id == "PL-9");
        Assert.Contains((await Store.LoadAsync(March))!.Locations, l => l.Id == "PL-9");
    }

    [Fact]
    public async Task A_change_dated_at_or_before_the_current_version_start_conflicts()
    {
        await Store.ImportAsync(SampleMap());
        await Store.ChangeLocationAsync("PL-1", new LocationChanges(RadiusMetres: 90), March);

        var result = await Store.ChangeLocationAsync("PL-1", new LocationChanges(RadiusMetres: 100), March);

        Assert.Equal(LocationChangeStatus.Conflict, result.Status);
        Assert.Equal(2, (await Store.GetLocationHistoryAsync("PL-1")).Count);
    }

    [Fact]
    public async Task An_invalid_polygon_is_refused_with_its_reason_and_nothing_is_written()
    {
        var map = SampleMap();
        var bowTie = Wkt.Read("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))");
        var broken = map with { Beats = [.. map.Beats, new Beat("B-X", "Bow tie", bowTie)] };

        var error = await Assert.ThrowsAsync<MapValidationException>(() => Store.ImportAsync(broken));

        Assert.Equal("beat 'B-X': invalid Polygon: Self-intersection at (1, 1)", Assert.Single(error.Reasons));
        Assert.Null(await Store.LoadAsync());
    }

    [Theory]
    [InlineData("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))", 0, "location 'PL-X': invalid Polygon: Self-intersection at (1, 1)")]
    [InlineData("POINT (-1.5 53.8)", 0, "location 'PL-X': radius 0 m is out of range: a point location needs a radius above 0 and at most 5000 m")]
    [InlineData("POINT (-1.5 53.8)", 5000.5, "location 'PL-X': radius 5000.5 m is out of range: a point location needs a radius above 0 and at most 5000 m")]
    [InlineData("POINT (53.8 -191.5)", 50, "location 'PL-X': coordinate (53.8, -191.5) is out of range: longitude must be within -180..180 and latitude within -90..90, longitude first")]
    [InlineData("POLYGON ((0 0, 1 0, 1 1, 0 0))", 20, "location 'PL-X': a radius belongs to point locations only; a polygon's radius must be 0")]
    public async Task An_invalid_location_is_refused_with_a_reason_the_api_can_show(string shape, double radius, string reason)
    {
        var result = await Store.AddLocationAsync(new PriorityLocation("PL-X", "Bad", Wkt.Read(shape), radius, PresenceTargets.None, March));

        Assert.Equal(LocationChangeStatus.Invalid, result.Status);
        Assert.Equal(reason, Assert.Single(result.Reasons));
        Assert.Empty(await Store.GetLocationHistoryAsync("PL-X"));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_second_open_version_and_a_point_without_radius()
    {
        await Store.ImportAsync(SampleMap());

        var secondOpen = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "INSERT INTO priority_locations (location_id, version, valid_from, name, shape, radius_m) VALUES ('PL-1', 2, '2025-06-01Z', 'x', 'SRID=4326;POINT(0 0)', 10)"));
        var noRadius = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(
            "INSERT INTO priority_locations (location_id, version, valid_from, name, shape, radius_m) VALUES ('PL-Z', 1, '2025-06-01Z', 'x', 'SRID=4326;POINT(0 0)', 0)"));

        // Two open versions overlap in time: the exclusion constraint catches it before the unique index.
        Assert.Equal(PostgresErrorCodes.ExclusionViolation, secondOpen.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, noRadius.SqlState);
    }

    /// <summary>Three beats (a polygon, one with a hole, a two-part MultiPolygon), a station, two roads, a point and a polygon location.</summary>
    private static ForceMap SampleMap() => new(
        "Hightown",
        MapProjection.BritishNationalGrid,
        [
            new Beat("HT-01", "Hightown North", Wkt.Read("POLYGON ((-1.5497 53.796, -1.5401 53.796, -1.5401 53.8012, -1.5497 53.8012, -1.5497 53.796))"), "Hightown NPT", "ST-1"),
            new Beat("HT-02", "Canal Basin", Wkt.Read("POLYGON ((0.1 0.1, 0.4 0.1, 0.4 0.4, 0.1 0.4, 0.1 0.1), (0.2 0.2, 0.2 0.3, 0.3 0.3, 0.3 0.2, 0.2 0.2))")),
            new Beat("HT-03", "Two Islands", Wkt.Read("MULTIPOLYGON (((10 0, 11 0, 11 1, 10 0)), ((12 0, 13 0, 13 1, 12 0)))"), Team: "Islands NPT"),
        ],
        [
            new PriorityLocation("PL-1", "Market Square", Wkt.Read("POINT (-1.5443 53.7981)"), 75, new PresenceTargets(3, 45.5), DateTimeOffset.MinValue, BeatId: "HT-01"),
            new PriorityLocation("PL-2", "Park gates", Wkt.Read("POLYGON ((-1.55 53.79, -1.549 53.79, -1.549 53.791, -1.55 53.79))"), 0, new PresenceTargets(2), DateTimeOffset.MinValue),
        ],
        [new Station("ST-1", "Hightown Police Station", (Point)Wkt.Read("POINT (-1.5470001 53.7990009)"))],
        [
            new Road("100", "High Street", RoadClass.Residential, 8.9408, false, (LineString)Wkt.Read("LINESTRING (-1.55 53.796, -1.5487654 53.7961234, -1.547 53.797)")),
            new Road("101", null, RoadClass.Primary, 22.352, true, (LineString)Wkt.Read("LINESTRING (-1.549 53.795, -1.5487654 53.7961234)")),
        ]);

    private static void AssertSameGeometry(Geometry expected, Geometry actual)
    {
        Assert.Equal(expected.GeometryType, actual.GeometryType);
        Assert.True(expected.EqualsExact(actual), $"expected {expected} but got {actual}");
    }

    private async Task<string> RowVersionsAsync()
    {
        await using var command = Database.DataSource.CreateCommand(
            """
            SELECT concat_ws('|',
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM beats),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM stations),
                (SELECT string_agg(id || ':' || xmin::text, ',' ORDER BY id) FROM roads),
                (SELECT string_agg(location_id || version || ':' || xmin::text, ',' ORDER BY location_id, version) FROM priority_locations),
                (SELECT xmin::text FROM force_map))
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = Database.DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
