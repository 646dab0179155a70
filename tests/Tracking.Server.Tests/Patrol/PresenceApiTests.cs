using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Core.Patrol;
using Tracking.Server.Patrol;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Storage.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Patrol;

/// <summary>
/// The geospatial engine in the running server: fixes published over MQTT are matched to their beat and
/// priority locations, live presence opens and closes stays, closed stays land in PostGIS, and the
/// retrospective question over the stored track gives the same answer.
/// </summary>
public sealed class PresenceApiTests(PatrolServerFixture fixture) : IClassFixture<PatrolServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Whole seconds, so device times survive the millisecond JSON of the native protocol unchanged.
    private static DateTimeOffset Start() =>
        DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds());

    [Fact]
    public async Task A_unit_driving_through_a_park_is_matched_live_and_its_visit_is_stored_and_found_again_retrospectively()
    {
        const string Device = "patrol-drive";
        await using var device = await fixture.DeviceAsync(Device);
        var start = Start();
        // East along latitude 52.63 at 0.001° of longitude (about 68 m) per 10 s; the park spans −1.142 to −1.138.
        for (var i = 0; i <= 6; i++)
        {
            await device.PublishAsync(DeviceClient.Fix(Device, start.AddSeconds(10 * i), lat: TestMap.Latitude, lon: -1.146 + (0.001 * i)));
        }

        // At −1.140 the unit is in the park: live shows it, and the stay is open.
        var live = await Eventually.UntilAsync(() => LiveAsync(Device), p => p?.Locations.Count > 0, "the live position matched to the park");
        Assert.Equal("WEST", live!.Beat);
        Assert.Equal(["PARK"], live.Locations);
        var open = await fixture.Http.GetFromJsonAsync<List<OpenStayView>>("/api/visits/open", Json);
        Assert.Contains(open!, s => s.Device == Device && s.AreaKind == "location" && s.AreaId == "PARK");

        for (var i = 7; i <= 14; i++)
        {
            await device.PublishAsync(DeviceClient.Fix(Device, start.AddSeconds(10 * i), lat: TestMap.Latitude, lon: -1.146 + (0.001 * i)));
        }

        var visits = new VisitStore(fixture.Database.DataSource);
        var stored = await Eventually.UntilAsync(
            () => visits.ListAsync("location", "PARK", start.AddHours(-1), start.AddHours(1)),
            list => list.Any(s => s.DeviceId == Device),
            "the park visit stored");
        // Live presence sees a fix once it is durable in the journal; retrospective presence reads it from PostgreSQL,
        // where the drainer puts it a little later.
        await Eventually.UntilAsync(() => fixture.Database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{Device}'"), n => n == 15, "15 fixes stored");
        var visit = Assert.Single(stored, s => s.DeviceId == Device);
        // In from 40 s to 80 s, give or take the projection bending a meridian by micrometres.
        Assert.True(visit.IsVisit);
        Assert.Equal(40, (visit.Enter - start).TotalSeconds, 1);
        Assert.Equal(80, (visit.Exit - start).TotalSeconds, 1);
        Assert.Equal(40, visit.InsideSeconds, 1);

        var answer = await PresenceAsync(new { locationId = "PARK", from = start.AddMinutes(-5), to = start.AddMinutes(10), devices = new[] { Device }, grace = 20, minDwell = 30 });
        var found = Assert.Single(answer.Visits);
        Assert.Equal(Device, found.Device);
        Assert.Equal(visit.Enter, found.Enter);
        Assert.Equal(visit.Exit, found.Exit);
        Assert.Equal(visit.InsideSeconds, found.Seconds, 9);
        Assert.Equal(visit.InsideSeconds, answer.PresenceSeconds, 9);
        Assert.Empty(answer.Passes);

        // The counter moves just after the row is committed.
        var stats = await Eventually.UntilAsync(
            () => fixture.Http.GetFromJsonAsync<PatrolStats>("/api/patrol/stats", Json), s => s!.StoredStays >= 1, "the stored stay counted");
        Assert.Equal("Test force", stats!.Map);
        Assert.Equal(2, stats.Beats);
        Assert.Equal(2, stats.Locations);
        Assert.True(stats.ProcessedFixes >= 15, $"{stats.ProcessedFixes} fixes processed");
        Assert.Equal(0, stats.DroppedFixes);
        Assert.Equal(0, stats.DroppedStays);
    }

    [Fact]
    public async Task Presence_in_a_polygon_drawn_afterwards_counts_a_parked_unit_and_a_period_cuts_it()
    {
        const string Device = "patrol-parked";
        await using var device = await fixture.DeviceAsync(Device);
        var start = Start();
        for (var i = 0; i <= 4; i++)
        {
            await device.PublishAsync(DeviceClient.Fix(Device, start.AddSeconds(30 * i), lat: 52.635, lon: -1.125));
        }

        await Eventually.UntilAsync(() => fixture.Database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{Device}'"), n => n == 5, "5 fixes stored");
        var square = new
        {
            type = "Polygon",
            coordinates = new[] { new[] { new[] { -1.126, 52.634 }, new[] { -1.124, 52.634 }, new[] { -1.124, 52.636 }, new[] { -1.126, 52.636 }, new[] { -1.126, 52.634 } } },
        };

        var whole = await PresenceAsync(new { area = square, from = start.AddMinutes(-1), to = start.AddMinutes(5), devices = new[] { Device }, minDwell = 60 });
        Assert.Equal(120, whole.PresenceSeconds, 6);
        var visit = Assert.Single(whole.Visits);
        Assert.Equal(start, visit.Enter);
        Assert.Equal(start.AddSeconds(120), visit.Exit);
        Assert.Equal(Device, Assert.Single(whole.Devices).Device);

        var part = await PresenceAsync(new { area = square, from = start.AddSeconds(15), to = start.AddSeconds(45), devices = new[] { Device }, minDwell = 60 });
        Assert.Equal(30, part.PresenceSeconds, 6);
        Assert.Empty(part.Visits);
        Assert.Single(part.Passes);
    }

    [Fact]
    public async Task Locations_are_GeoJSON_with_beats_and_targets()
    {
        using var json = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/locations"));
        var features = json.RootElement.GetProperty("features").EnumerateArray().ToList();

        Assert.Equal(["ATM", "EAST", "PARK", "WEST"], features.Select(f => f.GetProperty("properties").GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        var park = features.Single(f => f.GetProperty("properties").GetProperty("id").GetString() == "PARK").GetProperty("properties");
        Assert.Equal("location", park.GetProperty("kind").GetString());
        Assert.Equal(3, park.GetProperty("visitsPerDay").GetInt32());
        Assert.Equal(30, park.GetProperty("minutesPerDay").GetDouble());
        var atm = features.Single(f => f.GetProperty("properties").GetProperty("id").GetString() == "ATM");
        Assert.Equal("Point", atm.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(50, atm.GetProperty("properties").GetProperty("radius").GetDouble());
    }

    [Theory]
    [InlineData("""{"locationId": "PARK", "area": {"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}, "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}""", "area")]
    [InlineData("""{"from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}""", "area")]
    [InlineData("""{"locationId": "PARK", "from": "2026-01-02T00:00:00Z", "to": "2026-01-01T00:00:00Z"}""", "from")]
    [InlineData("""{"locationId": "PARK", "from": "2026-01-01T00:00:00Z", "to": "2026-12-01T00:00:00Z"}""", "to")]
    [InlineData("""{"area": {"type": "Point", "coordinates": [-1.1, 52.6]}, "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}""", "area")]
    [InlineData("""{"area": {"type": "Polygon", "coordinates": [[[0,0],[1,1],[1,0],[0,1],[0,0]]]}, "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z"}""", "area")]
    [InlineData("""{"locationId": "PARK", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "maxGap": 0}""", "maxGap")]
    [InlineData("""{"locationId": "PARK", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "grace": 1e300}""", "grace")]
    [InlineData("""{"locationId": "PARK", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "minDwell": -1}""", "minDwell")]
    [InlineData("""{"locationId": "PARK", "from": "2026-01-01T00:00:00Z", "to": "2026-01-02T00:00:00Z", "devices": ["no spaces"]}""", "devices")]
    public async Task A_bad_presence_question_is_a_400_naming_the_field(string body, string field)
    {
        var response = await fixture.Http.PostAsync("/api/presence?purpose=tests", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Presence_of_an_unknown_location_is_a_404()
    {
        var response = await fixture.Http.PostAsJsonAsync("/api/presence?purpose=tests", new { locationId = "NOWHERE", from = "2026-01-01T00:00:00Z", to = "2026-01-02T00:00:00Z" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<Tracking.Server.Api.LivePosition?> LiveAsync(string device) =>
        (await fixture.Http.GetFromJsonAsync<List<Tracking.Server.Api.LivePosition>>("/api/live", Json))!.SingleOrDefault(p => p.DeviceId == device);

    private async Task<PresenceResponse> PresenceAsync(object body)
    {
        var response = await fixture.Http.PostAsJsonAsync("/api/presence?purpose=tests", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PresenceResponse>(Json))!;
    }
}
