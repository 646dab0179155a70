using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tracking.Core.Fixes;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Server.Tests.Web;

/// <summary>
/// The control room's live map in headless Chromium against the real server: the page, its base layers and the
/// hub's snapshot and frames, driven by real fixes over MQTT and the REST API. Each test uses units, devices and
/// incidents of its own in its own part of the test map, so the tests do not meet, and saves a screenshot.
/// </summary>
public sealed partial class LiveMapPageTests(LiveMapFixture fixture) : IClassFixture<LiveMapFixture>
{
    private Task<LiveMapPage> OpenAsync([CallerMemberName] string test = "") => fixture.OpenPageAsync(test);

    private static object Incident(string id, double latitude, double longitude, string type, int grade = 1) => new
    {
        id,
        grade,
        type,
        location = new { type = "Point", coordinates = new[] { longitude, latitude } },
        requiredSkills = Array.Empty<string>(),
        createdAt = DateTimeOffset.UtcNow.AddSeconds(-5),
        status = "open",
    };

    [Fact]
    public async Task The_page_loads_from_the_server_alone_and_draws_the_base_layers()
    {
        await using var page = await OpenAsync();

        await Expect(page.Page.Locator("body")).ToHaveAttributeAsync("data-base-layers", "loaded");
        await Expect(page.Page.Locator("path.beat")).ToHaveCountAsync(2);
        await Expect(page.Page.Locator("path.location")).ToHaveCountAsync(2);
        await Expect(page.Page.Locator("path.road")).ToHaveCountAsync(WebTestRoads.Count);
        await Expect(page.Page.Locator("path.road-primary")).ToHaveCountAsync(1);
        await Expect(page.Page.Locator(".station[data-station='HQ']")).ToBeVisibleAsync();
        // The river: its surface filled, its centre line drawn, in the water pane between the beats and the roads.
        await Expect(page.Page.Locator(".leaflet-water-pane path.water")).ToHaveCountAsync(WebTestWater.Count);
        await Expect(page.Page.Locator("path.water-surface")).ToHaveCountAsync(1);
        await Expect(page.Page.Locator("path.water-line")).ToHaveCountAsync(1);
        // Drawn, not merely present: an outline of several points.
        await Expect(page.Page.Locator("path.water-surface")).ToHaveAttributeAsync("d", new Regex(@"^M-?[\d.]+ -?[\d.]+L-?[\d.]+ -?[\d.]+"));
        await page.WaitUntilLiveAsync();

        Assert.NotEmpty(page.Requests);
        Assert.All(page.Requests, url => Assert.True(LiveMapPage.IsSameOrigin(url, page.Origin), $"the page asked for {url}, outside {page.Origin}"));
        Assert.Contains(page.Requests, url => url.Contains("/hubs/live", StringComparison.Ordinal));
        Assert.Contains(page.Requests, url => url.EndsWith("/api/map/roads", StringComparison.Ordinal));
        Assert.Contains(page.Requests, url => url.EndsWith("/api/map/water", StringComparison.Ordinal));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_time_of_the_last_update_turns_red_when_no_frame_came_for_5_seconds()
    {
        await using var page = await fixture.OpenPageAsync(nameof(The_time_of_the_last_update_turns_red_when_no_frame_came_for_5_seconds), async p =>
        {
            // The page's clock stands still until the test moves it: its age checks see exactly the time given.
            var now = DateTime.UtcNow;
            await p.Clock.InstallAsync(new ClockInstallOptions { TimeDate = now });
            await p.Clock.PauseAtAsync(now.AddSeconds(1));
        });
        await page.WaitUntilLiveAsync();
        var lastUpdate = page.Page.Locator("#last-frame");
        await Expect(lastUpdate).Not.ToHaveClassAsync(Stale());

        await page.Page.Clock.RunForAsync(4_900);
        await Expect(lastUpdate).Not.ToHaveClassAsync(Stale());
        await page.Page.Clock.RunForAsync(1_000);

        await Expect(lastUpdate).ToHaveClassAsync(Stale());
        await Expect(lastUpdate).ToContainTextAsync("5 s ago");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_page_is_revalidated_on_every_load_and_its_content_hashed_bundle_is_cached_for_good()
    {
        var index = await fixture.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.True(index.Headers.CacheControl?.NoCache, index.Headers.CacheControl?.ToString());
        var script = BundleScript().Match(await index.Content.ReadAsStringAsync());
        Assert.True(script.Success, "index.html names no bundle");

        var bundle = await fixture.Http.GetAsync(script.Groups["path"].Value);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal(TimeSpan.FromDays(365), bundle.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", bundle.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_roads_and_stations_of_the_map_in_use_are_served_as_GeoJSON()
    {
        var roads = await fixture.Http.GetAsync("/api/map/roads");
        Assert.Equal("application/geo+json", roads.Content.Headers.ContentType?.MediaType);
        var features = (await roads.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(["R1", "R2", "R3"], features.Select(f => f.GetProperty("properties").GetProperty("id").GetString()).Order());
        var london = features.Single(f => f.GetProperty("properties").GetProperty("id").GetString() == "R1");
        Assert.Equal("LineString", london.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([-1.15, 52.63], london.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(c => c.GetDouble()));
        Assert.Equal("London Road", london.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("primary", london.GetProperty("properties").GetProperty("highway").GetString());
        Assert.Equal(30 * 0.44704, london.GetProperty("properties").GetProperty("speed").GetDouble(), 9);
        Assert.False(london.GetProperty("properties").GetProperty("oneWay").GetBoolean());

        var stations = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/map/stations");
        var station = Assert.Single(stations.GetProperty("features").EnumerateArray());
        Assert.Equal("HQ", station.GetProperty("properties").GetProperty("id").GetString());
        Assert.Equal("Headquarters", station.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal([-1.135, 52.625], station.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
    }

    [Fact]
    public async Task The_water_of_the_map_in_use_is_served_as_GeoJSON_with_its_names()
    {
        var water = await fixture.Http.GetAsync("/api/map/water");

        Assert.Equal(HttpStatusCode.OK, water.StatusCode);
        Assert.Equal("application/geo+json", water.Content.Headers.ContentType?.MediaType);
        var features = (await water.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("features").EnumerateArray()
            .OrderBy(f => f.GetProperty("properties").GetProperty("id").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(
            [("feature-0", "Test river", "Polygon"), ("test-river-line", "Test river", "LineString")],
            features.Select(f => (f.GetProperty("properties").GetProperty("id").GetString(), f.GetProperty("properties").GetProperty("name").GetString(), f.GetProperty("geometry").GetProperty("type").GetString())));
        Assert.Equal([-1.1491, 52.615], features[1].GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(c => c.GetDouble()));
    }

    [Fact]
    public async Task A_fix_published_over_MQTT_moves_its_marker_and_a_click_shows_its_trail()
    {
        const string DeviceId = "web-mover";
        await TrackingServer.RegisterAsync(fixture.Http, DeviceId);
        await using var device = await fixture.DeviceAsync(DeviceId);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await device.PublishAsync(Fix(DeviceId, start, 52.635, -1.145, heading: 90));
        await Eventually.UntilAsync(() => LiveAsync(DeviceId), fix => fix is not null, $"{DeviceId} in /api/live");

        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        var marker = page.Marker(DeviceId);
        await Expect(marker).ToBeVisibleAsync();
        // A device no unit holds is grey, and its arrow points the way it is heading.
        await Expect(marker).ToHaveAttributeAsync("data-status", "device");
        await Expect(marker).ToHaveAttributeAsync("data-heading", "90");
        var before = await marker.BoundingBoxAsync() ?? throw new InvalidOperationException("the marker has no box");

        // About 340 m east: to the right on the screen.
        await device.PublishAsync(Fix(DeviceId, start.AddSeconds(5), 52.635, -1.140, heading: 80));

        // Clustering takes a moved marker out and puts it back: it may have no box for a moment.
        var after = await Eventually.UntilAsync(() => marker.BoundingBoxAsync(), box => box is not null && box.X > before.X + 20, "the marker to move east", LiveMapFixture.Timeout);
        Assert.Equal(before.Y, after!.Y, 3);
        await Expect(marker).ToHaveAttributeAsync("data-heading", "80");

        // Its last hour, as stored: both fixes once the journal has drained them into PostGIS.
        await Eventually.UntilAsync(
            () => fixture.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{DeviceId}/track?purpose=tests"),
            track => track.GetProperty("features")[0].GetProperty("properties").GetProperty("fixes").GetInt32() == 2,
            $"{DeviceId}'s two fixes stored");
        await marker.ClickAsync();
        await Expect(page.Page.Locator($"path.trail[data-unit='{DeviceId}']")).ToHaveAttributeAsync("data-points", "2");
        await Expect(page.Page.Locator(".unit-popup h3")).ToHaveTextAsync(DeviceId);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task A_move_entry_updates_the_speed_the_popup_shows_and_lengthens_the_open_trail()
    {
        const string DeviceId = "web-move-entry";
        await TrackingServer.RegisterAsync(fixture.Http, DeviceId);
        await using var device = await fixture.DeviceAsync(DeviceId);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await device.PublishAsync(Fix(DeviceId, start, 52.633, -1.128, heading: 90));
        await Eventually.UntilAsync(() => LiveAsync(DeviceId), fix => fix is not null, $"{DeviceId} in /api/live");

        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        var marker = page.Marker(DeviceId);
        await Expect(marker).ToBeVisibleAsync();
        var before = await marker.BoundingBoxAsync() ?? throw new InvalidOperationException("the marker has no box");

        // About 340 m east at 15 m/s: only its place, heading, speed and time change, so the page gets a move entry.
        await device.PublishAsync(DeviceClient.Fix(DeviceId, start.AddSeconds(5), lat: 52.633, lon: -1.123, speed: 15) with { Heading = 100 });
        await Eventually.UntilAsync(() => marker.BoundingBoxAsync(), box => box is not null && box.X > before.X + 20, "the marker to move east", LiveMapFixture.Timeout);
        await Expect(marker).ToHaveAttributeAsync("data-heading", "100");

        // The popup shows the speed the move brought (15 m/s is 54 km/h); the trail is both fixes, once stored.
        await Eventually.UntilAsync(
            () => fixture.Http.GetFromJsonAsync<JsonElement>($"/api/devices/{DeviceId}/track?purpose=tests"),
            track => track.GetProperty("features")[0].GetProperty("properties").GetProperty("fixes").GetInt32() == 2,
            $"{DeviceId}'s two fixes stored");
        await marker.ClickAsync();
        var popup = page.Page.Locator(".unit-popup");
        await Expect(popup).ToContainTextAsync("54 km/h");
        var trail = page.Page.Locator($"path.trail[data-unit='{DeviceId}']");
        await Expect(trail).ToHaveAttributeAsync("data-points", "2");
        var drawn = Vertices(await trail.GetAttributeAsync("d"));

        // Another move while both are open, north-east (off the line so far: Leaflet leaves out a point in line with
        // its neighbours): the popup shows the new speed (72 km/h), the trail gains the new place.
        await device.PublishAsync(DeviceClient.Fix(DeviceId, start.AddSeconds(10), lat: 52.6345, lon: -1.118, speed: 20) with { Heading = 60 });
        await Expect(popup).ToContainTextAsync("72 km/h");
        await Eventually.UntilAsync(async () => Vertices(await trail.GetAttributeAsync("d")), n => n == drawn + 1, "the trail to gain the new place", LiveMapFixture.Timeout);
        Assert.Empty(page.Errors);

        // An SVG path as Leaflet draws a line: "M x y" then "L x y" for each further point.
        static int Vertices(string? path) => path is null ? 0 : path.Count(c => c is 'M' or 'L');
    }

    [Fact]
    public async Task After_the_connection_drops_the_page_reconnects_joins_again_and_shows_what_moved_meanwhile()
    {
        const string DeviceId = "web-reconnect";
        await TrackingServer.RegisterAsync(fixture.Http, DeviceId);
        await using var device = await fixture.DeviceAsync(DeviceId);
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await device.PublishAsync(Fix(DeviceId, start, 52.639, -1.148, heading: 0));
        await Eventually.UntilAsync(() => LiveAsync(DeviceId), fix => fix is not null, $"{DeviceId} in /api/live");

        // The hub's WebSocket goes through the test, which can cut it; while `refused` is set the hub cannot be reached.
        var sockets = new ConcurrentQueue<IWebSocketRoute>();
        var refused = new StrongBox<bool>(false);
        await using var page = await fixture.OpenPageAsync(nameof(After_the_connection_drops_the_page_reconnects_joins_again_and_shows_what_moved_meanwhile), async p =>
        {
            await p.RouteAsync("**/hubs/live**", route => Volatile.Read(ref refused.Value) ? route.AbortAsync("connectionrefused") : route.FallbackAsync());
            await p.RouteWebSocketAsync("**/hubs/live**", socket =>
            {
                socket.ConnectToServer();
                sockets.Enqueue(socket);
            });
        });
        await page.WaitUntilLiveAsync();
        var marker = page.Marker(DeviceId);
        await Expect(marker).ToBeVisibleAsync();
        var before = await marker.BoundingBoxAsync() ?? throw new InvalidOperationException("the marker has no box");

        Volatile.Write(ref refused.Value, true);
        Assert.True(sockets.TryPeek(out var first));
        await first.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "connection lost (test)" });
        await Expect(page.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "reconnecting");
        // About 680 m east while the page is cut off: no frame can bring it, only the snapshot after joining again.
        await device.PublishAsync(Fix(DeviceId, start.AddSeconds(5), 52.639, -1.138, heading: 90));
        await Eventually.UntilAsync(() => LiveAsync(DeviceId), fix => fix?.GetProperty("longitude").GetDouble() == -1.138, $"{DeviceId} moved in /api/live");
        Volatile.Write(ref refused.Value, false);

        await Expect(page.Page.Locator("#connection")).ToHaveAttributeAsync("data-state", "connected");
        var after = await Eventually.UntilAsync(() => marker.BoundingBoxAsync(), box => box is not null && box.X > before.X + 20, "the marker to move east", LiveMapFixture.Timeout);
        Assert.Equal(before.Y, after!.Y, 3);
        Assert.True(sockets.Count >= 2, $"{sockets.Count} hub connections");
        // The failed attempts were logged by SignalR's client as errors; nothing else may have been.
        Assert.All(page.Errors, error => Assert.Contains("connection", error, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_incident_shows_its_recommended_units_in_the_panel()
    {
        await using var vehicle = await fixture.OnDutyAtAsync("web-rec", 52.626, -1.126);
        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        await Expect(page.Marker("web-rec")).ToHaveAttributeAsync("data-status", "available");

        // Raised while the page is open: it arrives in a frame.
        var created = await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("WEB-REC-1", 52.6275, -1.124, "Burglary in progress"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await page.Incident("WEB-REC-1").ClickAsync();

        var panel = page.Page.Locator("#incident-panel");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator(".title")).ToContainTextAsync("Burglary in progress");
        var recommended = panel.Locator(".recommendation[data-unit='web-rec']");
        await Expect(recommended).ToBeVisibleAsync();
        await Expect(recommended.Locator(".who")).ToContainTextAsync("Call web-rec");
        await Expect(recommended.Locator(".eta")).ToHaveTextAsync(EtaInMinutes());
        await Expect(recommended.Locator("button.assign")).ToBeEnabledAsync();
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Assign_changes_the_units_status_on_the_map()
    {
        await using var vehicle = await fixture.OnDutyAtAsync("web-assign", 52.637, -1.118);
        // Raised before the page opens: it comes in the snapshot.
        var created = await fixture.Http.PostAsJsonAsync("/api/incidents", Incident("WEB-ASSIGN-1", 52.6385, -1.116, "Assault", grade: 2));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        var marker = page.Marker("web-assign");
        await Expect(marker).ToHaveAttributeAsync("data-status", "available");
        await page.Incident("WEB-ASSIGN-1").ClickAsync();
        var recommended = page.Page.Locator("#incident-panel .recommendation[data-unit='web-assign']");
        await recommended.Locator("button.assign").ClickAsync();

        await Expect(marker).ToHaveAttributeAsync("data-status", "assigned");
        await Expect(recommended.Locator("button.assign")).ToHaveTextAsync("Assigned");
        await Expect(page.Page.Locator("#incident-panel .details")).ToContainTextAsync("Call web-assign (assigned");
        await Expect(page.Page.Locator("#dispatch-log li")).ToContainTextAsync(["Call web-assign"]);
        var unit = await Command.ControlRoomClient.UnitAsync(fixture.Http, "web-assign");
        Assert.Equal(("assigned", "WEB-ASSIGN-1"), (unit?.Status, unit?.Incident));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task An_emergency_shows_the_alarm_banner_with_back_up_and_a_dispatcher_clears_it()
    {
        await using var sos = await fixture.OnDutyAtAsync("web-sos", 52.622, -1.146);
        await using var backUp = await fixture.OnDutyAtAsync("web-backup", 52.6235, -1.143);
        await using var page = await OpenAsync();
        await page.WaitUntilLiveAsync();
        await Expect(page.Page.Locator("#alarms")).ToBeHiddenAsync();

        await sos.PublishRawAsync("""{"status":"emergency"}"""u8.ToArray(), topic: "tracking/web-sos-veh/status");

        var alarm = page.Page.Locator("#alarms .alarm").Filter(new LocatorFilterOptions { HasText = "device web-sos-veh" });
        await Expect(alarm).ToBeVisibleAsync();
        await Expect(alarm.Locator(".who")).ToHaveTextAsync("Call web-sos");
        await Expect(alarm.Locator(".back-up li[data-unit='web-backup']")).ToContainTextAsync(EtaInMinutes());
        await Expect(page.Marker("web-sos")).ToHaveClassAsync(new Regex(@"\balarm\b"));
        await page.Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(LiveMapPage.ScreenshotDirectory, nameof(An_emergency_shows_the_alarm_banner_with_back_up_and_a_dispatcher_clears_it) + "-banner.png"),
        });

        // The first Clear asks for the dispatcher's name; it is kept for the next time.
        await alarm.Locator(".note").FillAsync("officer safe, button pressed by mistake");
        await alarm.Locator("button.clear").ClickAsync();
        await page.Page.Locator("#name-dialog input").FillAsync("Dispatcher Jones");
        await page.Page.Locator("#name-dialog button[value='ok']").ClickAsync();

        await Expect(alarm).ToHaveCountAsync(0);
        await Expect(page.Page.Locator("#dispatcher .name")).ToHaveTextAsync("Dispatcher Jones");
        await Expect(page.Marker("web-sos")).Not.ToHaveClassAsync(new Regex(@"\balarm\b"));
        var cleared = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/alarms?open=false");
        var stored = cleared.EnumerateArray().Single(a => a.GetProperty("deviceId").GetString() == "web-sos-veh");
        Assert.Equal("Dispatcher Jones", stored.GetProperty("clearedBy").GetString());
        Assert.Equal("officer safe, button pressed by mistake", stored.GetProperty("clearNote").GetString());
        Assert.Empty(page.Errors);
    }

    private static Fix Fix(string deviceId, DateTimeOffset time, double latitude, double longitude, double heading) =>
        DeviceClient.Fix(deviceId, time, lat: latitude, lon: longitude, speed: 8) with { Heading = heading };

    private async Task<JsonElement?> LiveAsync(string deviceId)
    {
        var live = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/live");
        return live.EnumerateArray().Where(p => p.GetProperty("deviceId").GetString() == deviceId).Select(p => (JsonElement?)p).FirstOrDefault();
    }

    [GeneratedRegex("""<script src="(?<path>assets/app-[A-Z0-9]+\.js)">""")]
    private static partial Regex BundleScript();

    [GeneratedRegex(@"\bstale\b")]
    private static partial Regex Stale();

    [GeneratedRegex(@"(< 1|\d+) min")]
    private static partial Regex EtaInMinutes();
}
