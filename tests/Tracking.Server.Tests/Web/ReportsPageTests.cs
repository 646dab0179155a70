using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using Tracking.Core.Incidents;
using Tracking.Core.Patrol;
using Tracking.Server.Tests.Command;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Storage.Command;
using Tracking.Storage.Patrol;
using Tracking.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tracking.Server.Tests.Web;

/// <summary>
/// The supervisors' reports page (<c>/reports</c>) in headless Chromium against the real server over the test map
/// (<see cref="Patrol.TestMap"/>: micro-beats WEST and EAST; priority locations PARK, wanting 3 visits and 30 minutes a
/// day, and ATM, wanting 2 visits a day). Stays, incidents and attendances are stored directly, fixes come over MQTT.
/// Each test has days of its own in November 2026 (GMT: London time is UTC), so the tests do not meet, checks figures
/// worked out here, and saves a screenshot.
/// </summary>
public sealed partial class ReportsPageTests(LiveMapFixture fixture) : IClassFixture<LiveMapFixture>
{
    private const string Device = "rp-dev";

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private Task<LiveMapPage> OpenAsync(string query = "", [CallerMemberName] string test = "") =>
        fixture.OpenPageAsync(test, path: "/reports" + query);

    /// <summary>Answers the page's purpose dialog (replay and the per-officer workload are audited).</summary>
    private static async Task StatePurposeAsync(LiveMapPage page, string purpose)
    {
        var dialog = page.Page.Locator("#purpose-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Purpose").FillAsync(purpose);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";

    private static Stay Visit(string areaKey, DateTimeOffset enter, double seconds, bool visit = true) =>
        new(Device, areaKey, enter, enter.AddSeconds(seconds), seconds, visit);

    private Task StoreAsync(params Stay[] stays) => new VisitStore(fixture.Database.DataSource).WriteAsync(stays, []);

    private static Incident ClosedIncident(string id, double longitude, double latitude, DateTimeOffset created) =>
        new(id, Grade.Emergency, "Assault", longitude, latitude, [], null, created, IncidentStatus.Closed, created.AddHours(1));

    [Fact]
    public async Task The_page_is_served_at_reports_revalidated_on_every_load_and_linked_both_ways_with_the_live_map()
    {
        var page = await fixture.Http.GetAsync("/reports");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.True(page.Headers.CacheControl?.NoCache, page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        var script = BundleScript().Match(html);
        Assert.True(script.Success, "reports.html names no bundle");
        Assert.Contains("""<a id="to-live-map" href="./">""", html, StringComparison.Ordinal);

        var bundle = await fixture.Http.GetAsync(script.Groups["path"].Value);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("immutable", bundle.Headers.CacheControl?.ToString(), StringComparison.Ordinal);

        // With a trailing slash the page's relative bundle names would miss: it is sent to /reports, query and all.
        // (Looked at without following: a client drops its Authorization header on a redirect.)
        using var unfollowed = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };
        unfollowed.DefaultRequestHeaders.Authorization = fixture.Http.DefaultRequestHeaders.Authorization;
        var slash = await unfollowed.GetAsync("/reports/?report=demand");
        Assert.Equal(HttpStatusCode.Redirect, slash.StatusCode);
        Assert.Equal("/reports?report=demand", slash.Headers.Location?.OriginalString);

        Assert.Contains("""<a id="to-reports" href="reports" """, await fixture.Http.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opened_without_a_period_it_shows_the_last_seven_local_days_and_every_report_loads_from_the_server_alone()
    {
        // Thursday 12 November 2026, 09:30 in London: the default period is Thursday 5 to Thursday 12, midnight to midnight.
        var now = new DateTimeOffset(2026, 11, 12, 9, 30, 0, TimeSpan.Zero);
        var day = new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);
        await StoreAsync(Visit(AreaKeys.Location("PARK"), day.AddHours(9), 600), Visit(AreaKeys.Beat("WEST"), day.AddHours(9), 1800));
        // Something for the response times, deployments and workload: an emergency in the west beat, reached after
        // 9 minutes by a car on its day shift.
        await ControlRoomClient.OnDutyAsync(fixture.Http, "rp-smoke");
        await ControlRoomClient.ImportAsync(fixture.Http, "shifts", new object[]
        {
            new
            {
                id = "rp-smoke-day", unit = "rp-smoke", start = day.AddHours(8), end = day.AddHours(16), vehicle = "rp-smoke-veh",
                crew = new[] { new { officer = "rp-smoke-a", radio = "rp-smoke-ra" }, new { officer = "rp-smoke-b", radio = "rp-smoke-rb" } },
            },
        });
        var incidents = new IncidentStore(fixture.Database.DataSource);
        await incidents.UpsertAsync(ClosedIncident("INC-RP-SMOKE", -1.145, 52.635, day.AddHours(12)));
        await incidents.UpsertAttendanceAsync(new Attendance("INC-RP-SMOKE", "rp-smoke", day.AddHours(12).AddMinutes(1), day.AddHours(12).AddMinutes(9), false));

        await using var page = await fixture.OpenPageAsync(
            nameof(Opened_without_a_period_it_shows_the_last_seven_local_days_and_every_report_loads_from_the_server_alone),
            p => p.Clock.SetFixedTimeAsync(now.UtcDateTime),
            "/reports");

        await Expect(page.Page.Locator("#period [name='from']")).ToHaveValueAsync("2026-11-05T00:00");
        await Expect(page.Page.Locator("#period [name='to']")).ToHaveValueAsync("2026-11-12T00:00");
        string[] reports = ["presence", "compare", "replay", "mileage", "response", "workload", "demand"];
        foreach (var report in reports)
        {
            await page.Page.Locator($"#report-tabs [data-report='{report}']").ClickAsync();
            if (report == "workload")
            {
                await StatePurposeAsync(page, "smoke test of every report");
            }

            var section = page.Page.Locator($"#report-{report}");
            await Expect(section).ToBeVisibleAsync();
            await Expect(section).ToHaveAttributeAsync("data-state", "loaded");
            await Expect(section.Locator(".message")).Not.ToHaveClassAsync(new Regex(@"\berror\b"));
            foreach (var canvas in await section.Locator("canvas").AllAsync())
            {
                // Drawn, with as many bars as the period has (the vehicles have no track then: no mileage bars).
                await Expect(canvas).ToHaveAttributeAsync("data-drawn", new Regex(@"^\d+$"));
            }

            foreach (var link in await section.Locator("a.csv[href]").AllAsync())
            {
                var csv = await fixture.Http.GetAsync(await link.GetAttributeAsync("href"));
                Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
                Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            }

            await page.Page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(LiveMapPage.ScreenshotDirectory, $"{nameof(Opened_without_a_period_it_shows_the_last_seven_local_days_and_every_report_loads_from_the_server_alone)}-{report}.png"),
                FullPage = true,
            });
        }

        await Expect(page.Page.Locator("#response-grades tr[data-grade='1'] td[data-column='median']")).ToHaveTextAsync("9");
        await Expect(page.Page.Locator("#workload-teams tr[data-team='West NPT'] td[data-column='gini']")).ToHaveTextAsync("0");
        await Expect(page.Page.Locator("#deployments tr[data-by='unit'][data-id='rp-smoke'] td[data-column='attended']")).ToHaveTextAsync("1");
        // A vehicle with no track in the period is under-used.
        await Expect(page.Page.Locator("#under-used tr[data-vehicle='rp-smoke-veh']")).ToHaveCountAsync(1);
        Assert.Contains(page.Requests, url => url.EndsWith("/api/map/roads", StringComparison.Ordinal));
        Assert.All(page.Requests, url => Assert.True(LiveMapPage.IsSameOrigin(url, page.Origin), $"the page asked for {url}, outside {page.Origin}"));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_presence_table_shows_each_locations_figures_against_its_targets_with_a_red_amber_green_status_and_a_chart()
    {
        // Tuesday 3 and Wednesday 4 November 2026.
        var day1 = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
        var day2 = day1.AddDays(1);
        await StoreAsync(
            // PARK, day 1: 2 visits (12 and 10 minutes) and a pass of 40 s: 2 of 3 visits is 67%, red.
            Visit(AreaKeys.Location("PARK"), day1.AddHours(9), 720),
            Visit(AreaKeys.Location("PARK"), day1.AddHours(14), 600),
            Visit(AreaKeys.Location("PARK"), day1.AddHours(20), 40, visit: false),
            // PARK, day 2: 3 visits of 500 s: 3 of 3 visits but 25 of 30 minutes (83%), amber.
            Visit(AreaKeys.Location("PARK"), day2.AddHours(8), 500),
            Visit(AreaKeys.Location("PARK"), day2.AddHours(12), 500),
            Visit(AreaKeys.Location("PARK"), day2.AddHours(16), 500),
            // ATM: 2 visits of 90 s on day 1 (2 of 2, green), none on day 2 (red).
            Visit(AreaKeys.Location("ATM"), day1.AddHours(10), 90),
            Visit(AreaKeys.Location("ATM"), day1.AddHours(11), 90));

        await using var page = await OpenAsync();
        var section = page.Page.Locator("#report-presence");
        await Expect(section).ToHaveAttributeAsync("data-state", "loaded");
        await page.Page.Locator("#period [name='from']").FillAsync("2026-11-03T00:00");
        await page.Page.Locator("#period [name='to']").FillAsync("2026-11-05T00:00");
        await page.Page.Locator("#period button[type='submit']").ClickAsync();

        // Both days: PARK 5 of 6 visits (83%) and 2860 s = 47.67 of 60 minutes (79%), amber; ATM 2 of 4 visits, red.
        var park = section.Locator("#presence-locations tr[data-area='PARK']");
        await Expect(park.Locator("[data-column='visits']")).ToHaveTextAsync("5");
        await Expect(park.Locator("[data-column='passes']")).ToHaveTextAsync("1");
        await Expect(park.Locator("[data-column='minutes']")).ToHaveTextAsync("47.7");
        await Expect(park.Locator("[data-column='target-visits']")).ToHaveTextAsync("6");
        await Expect(park.Locator("[data-column='target-minutes']")).ToHaveTextAsync("60");
        var parkStatus = park.Locator("[data-column='status']");
        await Expect(parkStatus).ToHaveAttributeAsync("data-status", "amber");
        await Expect(parkStatus).ToHaveTextAsync("Amber");
        Assert.Equal("rgb(255, 160, 0)", await parkStatus.EvaluateAsync<string>("cell => getComputedStyle(cell).backgroundColor"));
        var atm = section.Locator("#presence-locations tr[data-area='ATM']");
        await Expect(atm.Locator("[data-column='visits']")).ToHaveTextAsync("2");
        await Expect(atm.Locator("[data-column='target-visits']")).ToHaveTextAsync("4");
        await Expect(atm.Locator("[data-column='target-minutes']")).ToHaveTextAsync("–");
        await Expect(atm.Locator("[data-column='status']")).ToHaveAttributeAsync("data-status", "red");
        Assert.Equal("rgb(211, 47, 47)", await atm.Locator("[data-column='status']").EvaluateAsync<string>("cell => getComputedStyle(cell).backgroundColor"));
        await Expect(section.Locator("#presence-beats tr[data-area='WEST'] [data-column='status']")).ToHaveAttributeAsync("data-status", "none");

        // The chart: per location its visits, coloured by status (PARK amber, ATM red), beside the target in grey.
        var chart = section.Locator("canvas#presence-chart");
        await Expect(chart).ToHaveAttributeAsync("data-drawn", "4");
        Assert.True(await PixelsAsync(chart, 0xff, 0xa0, 0x00) > 100, "no amber bar");
        Assert.True(await PixelsAsync(chart, 0xd3, 0x2f, 0x2f) > 100, "no red bar");
        Assert.True(await PixelsAsync(chart, 0xb0, 0xbe, 0xc5) > 100, "no grey target bar");

        // The CSV download is the same report.
        var csv = await fixture.Http.GetStringAsync(await section.Locator("a.csv").GetAttributeAsync("href"));
        Assert.Contains("location,PARK,Test park,,5,1,47.667,6,60,amber\r\n", csv, StringComparison.Ordinal);

        // Split by day: each day against a day's targets.
        await section.Locator("select[name='by']").SelectOptionAsync("day");
        var byDay = section.Locator("#presence-locations");
        await Expect(byDay.Locator("tr[data-area='PARK'][data-group='2026-11-03'] [data-column='status']")).ToHaveAttributeAsync("data-status", "red");
        await Expect(byDay.Locator("tr[data-area='PARK'][data-group='2026-11-04'] [data-column='status']")).ToHaveAttributeAsync("data-status", "amber");
        await Expect(byDay.Locator("tr[data-area='PARK'][data-group='2026-11-04'] [data-column='minutes']")).ToHaveTextAsync("25");
        await Expect(byDay.Locator("tr[data-area='ATM'][data-group='2026-11-03'] [data-column='status']")).ToHaveAttributeAsync("data-status", "green");
        await Expect(byDay.Locator("tr[data-area='ATM'][data-group='2026-11-04'] [data-column='status']")).ToHaveAttributeAsync("data-status", "red");
        await Expect(section.Locator("a.csv")).ToHaveAttributeAsync("href", new Regex("by=day.*format=csv"));
        Assert.Contains("by=day", page.Page.Url, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Before_and_after_shows_the_two_periods_side_by_side_with_the_change_of_each_area_and_of_the_total()
    {
        // After: Saturday 14 and Sunday 15 November; before, by default the two days just before it.
        var after = new DateTimeOffset(2026, 11, 14, 0, 0, 0, TimeSpan.Zero);
        var before = after.AddDays(-2);
        await StoreAsync(
            // Before: PARK 1 visit of 6 minutes, ATM 2 of a minute: 3 visits, 8 minutes.
            Visit(AreaKeys.Location("PARK"), before.AddHours(10), 360),
            Visit(AreaKeys.Location("ATM"), before.AddHours(11), 60),
            Visit(AreaKeys.Location("ATM"), before.AddDays(1).AddHours(11), 60),
            // After: PARK 6 visits of 10 minutes, ATM 5 of 2 minutes: 11 visits, 70 minutes.
            Visit(AreaKeys.Location("PARK"), after.AddHours(8), 600),
            Visit(AreaKeys.Location("PARK"), after.AddHours(10), 600),
            Visit(AreaKeys.Location("PARK"), after.AddHours(12), 600),
            Visit(AreaKeys.Location("PARK"), after.AddDays(1).AddHours(8), 600),
            Visit(AreaKeys.Location("PARK"), after.AddDays(1).AddHours(10), 600),
            Visit(AreaKeys.Location("PARK"), after.AddDays(1).AddHours(12), 600),
            Visit(AreaKeys.Location("ATM"), after.AddHours(9), 120),
            Visit(AreaKeys.Location("ATM"), after.AddHours(13), 120),
            Visit(AreaKeys.Location("ATM"), after.AddDays(1).AddHours(9), 120),
            Visit(AreaKeys.Location("ATM"), after.AddDays(1).AddHours(11), 120),
            Visit(AreaKeys.Location("ATM"), after.AddDays(1).AddHours(13), 120));

        await using var page = await OpenAsync($"?report=compare&{Period(after, after.AddDays(2))}");
        var section = page.Page.Locator("#report-compare");
        await Expect(section).ToHaveAttributeAsync("data-state", "loaded");

        // Visits 3 → 11 is +266.7%; minutes 8 → 70 is +775%.
        var total = section.Locator("#compare-total");
        await Expect(total.Locator(".visits strong")).ToHaveTextAsync("Visits +267%");
        await Expect(total.Locator(".visits span")).ToHaveTextAsync("3 → 11");
        Assert.Equal(800.0 / 3, double.Parse(await total.Locator(".visits").GetAttributeAsync("data-change") ?? "", CultureInfo.InvariantCulture), 9);
        await Expect(total.Locator(".minutes strong")).ToHaveTextAsync("Presence +775%");
        await Expect(total.Locator(".minutes span")).ToHaveTextAsync("8 → 70");

        var park = section.Locator("#compare-table tr[data-area='PARK']");
        await Expect(park.Locator("[data-column='visits-before']")).ToHaveTextAsync("1");
        await Expect(park.Locator("[data-column='visits-after']")).ToHaveTextAsync("6");
        await Expect(park.Locator("[data-column='visits-change']")).ToHaveTextAsync("+500%");
        await Expect(park.Locator("[data-column='minutes-change']")).ToHaveTextAsync("+900%");
        var atm = section.Locator("#compare-table tr[data-area='ATM']");
        await Expect(atm.Locator("[data-column='visits-change']")).ToHaveTextAsync("+150%");
        await Expect(atm.Locator("[data-column='minutes-change']")).ToHaveTextAsync("+400%");
        // A beat with no presence in either period has no change to show.
        await Expect(section.Locator("#compare-table tr[data-area='EAST'] [data-column='visits-change']")).ToHaveTextAsync("–");
        await Expect(section.Locator("canvas#compare-chart")).ToHaveAttributeAsync("data-drawn", new Regex(@"^[1-9]\d*$"));

        var csv = await fixture.Http.GetStringAsync(await section.Locator("a.csv").GetAttributeAsync("href"));
        Assert.Contains("all,all,All areas,3,11,266.667,8,70,775\r\n", csv, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_replay_slider_moves_the_marker_to_a_fix_and_shows_its_time_and_speed()
    {
        const string Tracker = "rp-replay";
        await TrackingServer.RegisterAsync(fixture.Http, Tracker);
        await using var device = await fixture.DeviceAsync(Tracker);
        // Two hours ago (fixes must be recent to be accepted), whole seconds: 7 fixes 20 s apart in a straight line
        // east-north-east, 0.003° of longitude and 0.0005° of latitude apart, at 0, 2.5, 5 … 15 m/s (0, 9, 18 … 54 km/h).
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
        for (var i = 0; i < 7; i++)
        {
            await device.PublishAsync(DeviceClient.Fix(Tracker, start.AddSeconds(20 * i), lat: 52.633 + (0.0005 * i), lon: -1.148 + (0.003 * i), speed: 2.5 * i));
        }

        var period = Period(start.AddMinutes(-1), start.AddMinutes(10));
        await Eventually.UntilAsync(
            () => fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/replay?purpose=tests&device={Tracker}&{period}"),
            replay => replay.GetProperty("features").EnumerateArray().Sum(f => f.GetProperty("geometry").GetProperty("coordinates").GetArrayLength()) == 7,
            $"{Tracker}'s 7 fixes stored");

        await using var page = await OpenAsync($"?report=replay&trackBy=device&track={Tracker}&{period}");
        await StatePurposeAsync(page, "replay slider test");
        var section = page.Page.Locator("#report-replay");
        await Expect(section).ToHaveAttributeAsync("data-state", "loaded");
        var track = section.Locator($"path.replay-track[data-device='{Tracker}']");
        await Expect(track).ToHaveAttributeAsync("data-fixes", "7");
        var marker = section.Locator("path.replay-marker");
        var slider = section.Locator("#replay-slider");
        var readout = section.Locator("#replay-readout");
        await Expect(marker).ToHaveAttributeAsync("data-index", "0");
        await Expect(readout.Locator(".speed")).ToHaveTextAsync("0 km/h");

        await slider.FillAsync("4");

        await Expect(marker).ToHaveAttributeAsync("data-index", "4");
        var fourth = start.AddSeconds(80);
        await Expect(readout.Locator("time")).ToHaveAttributeAsync("datetime", fourth.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'", CultureInfo.InvariantCulture));
        await Expect(readout.Locator("time")).ToContainTextAsync(TimeZoneInfo.ConvertTime(fourth, London).ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await Expect(readout.Locator(".speed")).ToHaveTextAsync("36 km/h");
        await Expect(readout.Locator(".position")).ToContainTextAsync("fix 5 of 7");
        // On the screen the track runs from bottom left to top right, evenly (over a few hundred metres Web Mercator
        // is as good as linear): the fifth of seven fixes is 4/6 of the way along it.
        // The track's box takes in its stroke (round caps: half the width beyond each end); the marker's is centred.
        var box = await track.BoundingBoxAsync() ?? throw new InvalidOperationException("the track has no box");
        var stroke = await track.EvaluateAsync<double>("path => parseFloat(getComputedStyle(path).strokeWidth)");
        var (west, north, width, height) = (box.X + (stroke / 2), box.Y + (stroke / 2), box.Width - stroke, box.Height - stroke);
        var dot = await marker.BoundingBoxAsync() ?? throw new InvalidOperationException("the marker has no box");
        Assert.Equal(west + (width * 4 / 6), dot.X + (dot.Width / 2), 1.5);
        Assert.Equal(north + (height * 2 / 6), dot.Y + (dot.Height / 2), 1.5);

        // The keyboard works the slider too: End is the last fix.
        await slider.PressAsync("End");
        await Expect(marker).ToHaveAttributeAsync("data-index", "6");
        await Expect(readout.Locator(".speed")).ToHaveTextAsync("54 km/h");
        dot = await marker.BoundingBoxAsync() ?? throw new InvalidOperationException("the marker has no box");
        Assert.Equal(west + width, dot.X + (dot.Width / 2), 1.5);
        Assert.Equal(north, dot.Y + (dot.Height / 2), 1.5);

        var gpx = XDocument.Parse(await fixture.Http.GetStringAsync(await section.Locator("a.gpx").GetAttributeAsync("href")));
        Assert.Equal(7, gpx.Descendants(XNamespace.Get("http://www.topografix.com/GPX/1/1") + "trkpt").Count());
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_demand_choropleth_draws_one_polygon_per_beat_coloured_by_incidents_per_presence_hour()
    {
        // Tuesday 17 November 2026: three incidents in the west beat, which had an hour of presence (3 an hour, the
        // darkest class), and one in the east beat, which had none (drawn as unpatrolled).
        var day = new DateTimeOffset(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);
        var incidents = new IncidentStore(fixture.Database.DataSource);
        await incidents.UpsertAsync(ClosedIncident("INC-RP-D1", -1.145, 52.635, day.AddHours(9)));
        await incidents.UpsertAsync(ClosedIncident("INC-RP-D2", -1.146, 52.622, day.AddHours(13)));
        await incidents.UpsertAsync(ClosedIncident("INC-RP-D3", -1.133, 52.638, day.AddHours(18)));
        await incidents.UpsertAsync(ClosedIncident("INC-RP-D4", -1.115, 52.635, day.AddHours(20)));
        await StoreAsync(Visit(AreaKeys.Beat("WEST"), day.AddHours(10), 2400), Visit(AreaKeys.Beat("WEST"), day.AddHours(15), 1200));

        await using var page = await OpenAsync($"?report=demand&{Period(day, day.AddDays(1))}");
        var section = page.Page.Locator("#report-demand");
        await Expect(section).ToHaveAttributeAsync("data-state", "loaded");

        await Expect(section.Locator("path.choropleth")).ToHaveCountAsync(2);
        await Expect(section.Locator("path.choropleth[data-beat='WEST']")).ToHaveAttributeAsync("data-fill", "#bd0026");
        await Expect(section.Locator("path.choropleth[data-beat='EAST']")).ToHaveAttributeAsync("data-fill", "#49006a");
        Assert.Equal("rgb(189, 0, 38)", await section.Locator("path.choropleth[data-beat='WEST']").EvaluateAsync<string>("path => getComputedStyle(path).fill"));
        // The plain beat layer is off under the choropleth; the other base layers are drawn.
        await Expect(section.Locator("path.beat")).ToHaveCountAsync(0);
        await Expect(section.Locator("path.road")).ToHaveCountAsync(WebTestRoads.Count);
        await Expect(section.Locator(".demand-legend")).ToContainTextAsync("Incidents per presence hour");
        await Expect(section.Locator(".demand-legend")).ToContainTextAsync("Incidents, no presence");

        var west = section.Locator("#demand-table tr[data-beat='WEST']");
        await Expect(west.Locator("[data-column='incidents']")).ToHaveTextAsync("3");
        await Expect(west.Locator("[data-column='minutes']")).ToHaveTextAsync("60");
        await Expect(west.Locator("[data-column='rate']")).ToHaveTextAsync("3");
        var east = section.Locator("#demand-table tr[data-beat='EAST']");
        await Expect(east.Locator("[data-column='incidents']")).ToHaveTextAsync("1");
        await Expect(east.Locator("[data-column='rate']")).ToHaveTextAsync("–");
        // Most in need of patrol first: incidents with no presence at all.
        await Expect(section.Locator("#demand-table tbody tr").First).ToHaveAttributeAsync("data-beat", "EAST");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task A_period_the_server_refuses_is_reported_with_its_reason()
    {
        await using var page = await OpenAsync($"?report=mileage&{Period(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))}");
        var section = page.Page.Locator("#report-mileage");

        await Expect(section).ToHaveAttributeAsync("data-state", "failed");
        await Expect(section.Locator(".message")).ToHaveTextAsync("Not loaded: a period covers at most 92 days");
        await Expect(section.Locator(".message")).ToHaveClassAsync(new Regex(@"\berror\b"));
        // The browser logs the refused request itself; nothing else went wrong.
        Assert.All(page.Errors, error => Assert.Contains("400", error, StringComparison.Ordinal));
    }

    /// <summary>How many pixels of the canvas are exactly the colour (inside the bars; their edges are blended).</summary>
    private static Task<int> PixelsAsync(ILocator canvas, int red, int green, int blue) => canvas.EvaluateAsync<int>(
        """
        (canvas, [r, g, b]) => {
          const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
          let count = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] === r && data[i + 1] === g && data[i + 2] === b && data[i + 3] === 255) count++;
          }
          return count;
        }
        """,
        new[] { red, green, blue });

    [GeneratedRegex("""<script src="(?<path>assets/reports-[A-Z0-9]+\.js)">""")]
    private static partial Regex BundleScript();
}
