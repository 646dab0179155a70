using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Patrol;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Patrol;

/// <summary>Supervisors add, change and retire priority locations; reports for the past keep the versions of the past.</summary>
public sealed class LocationApiTests(PatrolServerFixture fixture) : IClassFixture<PatrolServerFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static object Square(double west, double south, double size) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { west, south }, new[] { west + size, south }, new[] { west + size, south + size }, new[] { west, south + size }, new[] { west, south } } },
    };

    [Fact]
    public async Task A_point_location_added_through_the_API_is_listed_and_matched_live_at_once()
    {
        var response = await fixture.Http.PostAsJsonAsync("/api/locations", new
        {
            id = "SCHOOL-GATE",
            name = "School gate",
            geometry = new { type = "Point", coordinates = new[] { -1.118, 52.625 } },
            radius = 40,
            visitsPerDay = 2,
            beat = "EAST",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        using var locations = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/locations"));
        Assert.Contains(locations.RootElement.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("id").GetString() == "SCHOOL-GATE");

        const string Device = "loc-gate";
        await using var device = await fixture.DeviceAsync(Device);
        // 0.0003° of longitude is about 20 m at this latitude: inside the 40 m circle.
        await device.PublishAsync(DeviceClient.Fix(Device, DateTimeOffset.UtcNow.AddSeconds(-5), lat: 52.625, lon: -1.1183));
        var live = await Eventually.UntilAsync(
            async () => (await fixture.Http.GetFromJsonAsync<List<Tracking.Server.Api.LivePosition>>("/api/live", Json))!.SingleOrDefault(p => p.DeviceId == Device),
            p => p?.Beat is not null,
            "the gate's position matched");
        Assert.Equal(["SCHOOL-GATE"], live!.Locations);

        var again = await fixture.Http.PostAsJsonAsync("/api/locations", new { id = "SCHOOL-GATE", name = "Again", geometry = new { type = "Point", coordinates = new[] { -1.118, 52.625 } }, radius = 40 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_changed_location_keeps_its_old_shape_for_reports_of_the_time_before_the_change()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-40).ToUnixTimeSeconds());
        var change = start.AddSeconds(60);
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/locations", new
        {
            id = "PARADE",
            name = "Shopping parade",
            geometry = Square(-1.125, 52.636, 0.002),
            minutesPerDay = 20,
            effectiveAt = start.AddHours(-1),
        })).StatusCode);

        // From the change on, the parade is a square further east: the parked unit is outside it.
        var changed = await fixture.Http.PutAsJsonAsync("/api/locations/PARADE", new { geometry = Square(-1.115, 52.636, 0.002), effectiveAt = change });
        Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());

        const string Device = "loc-parade";
        await using var device = await fixture.DeviceAsync(Device);
        for (var i = 0; i <= 4; i++)
        {
            await device.PublishAsync(DeviceClient.Fix(Device, start.AddSeconds(30 * i), lat: 52.637, lon: -1.124));
        }

        await Eventually.UntilAsync(() => fixture.Database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{Device}'"), n => n == 5, "5 fixes stored");
        var response = await fixture.Http.PostAsJsonAsync("/api/presence?purpose=tests", new { locationId = "PARADE", from = start.AddMinutes(-5), to = start.AddMinutes(10), devices = new[] { Device }, minDwell = 30 });
        var answer = (await response.Content.ReadFromJsonAsync<PresenceResponse>(Json))!;

        // Parked inside the old square from 0 s to the change at 60 s; nothing after.
        var visit = Assert.Single(answer.Visits);
        Assert.Equal(start, visit.Enter);
        Assert.Equal(change, visit.Exit);
        Assert.Equal(60, answer.PresenceSeconds, 6);

        using var history = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/locations/PARADE/history"));
        var versions = history.RootElement.GetProperty("features");
        Assert.Equal(2, versions.GetArrayLength());
        Assert.Equal(change, versions[0].GetProperty("properties").GetProperty("validTo").GetDateTimeOffset());
        Assert.Equal(change, versions[1].GetProperty("properties").GetProperty("validFrom").GetDateTimeOffset());
        Assert.Equal(20, versions[1].GetProperty("properties").GetProperty("minutesPerDay").GetDouble());

        using var before = JsonDocument.Parse(await fixture.Http.GetStringAsync($"/api/locations?at={Uri.EscapeDataString(start.ToString("O"))}"));
        var old = before.RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("id").GetString() == "PARADE");
        Assert.Equal(-1.125, old.GetProperty("geometry").GetProperty("coordinates")[0][0][0].GetDouble());
    }

    [Fact]
    public async Task A_retired_location_is_gone_from_now_on_and_a_second_retirement_is_a_404()
    {
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/locations", new { id = "OLD-KIOSK", name = "Old kiosk", geometry = Square(-1.145, 52.622, 0.001) })).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.DeleteAsync("/api/locations/OLD-KIOSK")).StatusCode);

        using var now = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/locations"));
        Assert.DoesNotContain(now.RootElement.GetProperty("features").EnumerateArray(), f => f.GetProperty("properties").GetProperty("id").GetString() == "OLD-KIOSK");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.DeleteAsync("/api/locations/OLD-KIOSK")).StatusCode);
    }

    [Theory]
    [InlineData("""{"id": "BAD-1", "name": "Too wide", "geometry": {"type": "Point", "coordinates": [-1.1, 52.6]}, "radius": 9000}""")]
    [InlineData("""{"id": "BAD-2", "name": "No radius", "geometry": {"type": "Point", "coordinates": [-1.1, 52.6]}}""")]
    [InlineData("""{"id": "BAD-3", "geometry": {"type": "Point", "coordinates": [-1.1, 52.6]}, "radius": 30}""")]
    [InlineData("""{"id": "BAD-4", "name": "Line", "geometry": {"type": "LineString", "coordinates": [[-1.1, 52.6], [-1.2, 52.7]]}}""")]
    [InlineData("""{"id": "BAD-5", "name": "Bow tie", "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}""")]
    public async Task An_invalid_location_is_a_400_and_nothing_is_stored(string body)
    {
        var response = await fixture.Http.PostAsync("/api/locations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM priority_locations WHERE location_id LIKE 'BAD-%'"));
    }
}
