using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Tracking.Core.Analytics;
using Tracking.Core.Geo;
using Tracking.Core.Incidents;
using Tracking.Core.Patrol;
using Tracking.Server.Tests.Command;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Storage.Command;
using Tracking.Storage.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Reports;

/// <summary>
/// The reports over a running server and its database: hand-made stays and attendances stored directly,
/// fixes published over MQTT, each report read as JSON and CSV and checked against figures worked out here.
/// (The rules themselves are tested case by case in Tracking.Core.Tests/Analytics.)
/// </summary>
public sealed class ReportApiTests(CommandServerFixture fixture) : IClassFixture<CommandServerFixture>
{
    // A whole local day (24 hours, not a clock change) that closed at least a day ago, recent enough that every fix is accepted.
    private static readonly DateTimeOffset Day = RecentWholeDay();

    private static DateTimeOffset RecentWholeDay()
    {
        var calendar = LocalCalendar.London;
        var day = calendar.Day(DateTimeOffset.UtcNow).AddDays(-2);
        while (calendar.End(day) - calendar.Start(day) != TimeSpan.FromHours(24))
        {
            day = day.AddDays(-1);
        }

        return calendar.Start(day);
    }

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    [Fact]
    public async Task Presence_per_location_against_its_targets_as_JSON_and_CSV_and_before_against_after()
    {
        // The test map's park wants 3 visits and 30 minutes a day.
        await new VisitStore(fixture.Database.DataSource).WriteAsync(
        [
            new Stay("rep-veh", AreaKeys.Location("PARK"), Day.AddHours(9), Day.AddHours(9).AddMinutes(12), 720, true),
            new Stay("rep-veh", AreaKeys.Location("PARK"), Day.AddHours(14), Day.AddHours(14).AddMinutes(10), 600, true),
            new Stay("rep-veh", AreaKeys.Location("PARK"), Day.AddHours(20), Day.AddHours(20).AddSeconds(40), 40, false),
            new Stay("rep-veh", AreaKeys.Location("PARK"), Day.AddDays(-7).AddHours(9), Day.AddDays(-7).AddHours(9).AddMinutes(6), 360, true),
        ], []);

        var json = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/presence?{Period(Day, Day.AddDays(1))}&kind=location");
        var park = json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("areaId").GetString() == "PARK");
        Assert.Equal(2, park.GetProperty("visits").GetInt32());
        Assert.Equal(1, park.GetProperty("passes").GetInt32());
        Assert.Equal((720 + 600 + 40) / 60.0, park.GetProperty("presenceMinutes").GetDouble(), 9);
        Assert.Equal(3, park.GetProperty("targetVisits").GetDouble());
        // 2 of 3 visits (67%): red.
        Assert.Equal("red", park.GetProperty("status").GetString());

        var csv = await fixture.Http.GetStringAsync($"/api/reports/presence?{Period(Day, Day.AddDays(1))}&kind=location&format=csv");
        Assert.StartsWith("areaKind,areaId,areaName,group,visits,passes,presenceMinutes,targetVisits,targetMinutes,status\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("location,PARK,Test park,,2,1,22.667,3,30,red\r\n", csv, StringComparison.Ordinal);

        var compare = await fixture.Http.GetFromJsonAsync<JsonElement>(
            $"/api/reports/presence/compare?before{Period(Day.AddDays(-7), Day.AddDays(-6)).Replace("&to", "&beforeTo", StringComparison.Ordinal)}&after{Period(Day, Day.AddDays(1)).Replace("&to", "&afterTo", StringComparison.Ordinal)}&kind=location");
        var change = compare.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("areaId").GetString() == "PARK");
        Assert.Equal((1, 2), (change.GetProperty("visitsBefore").GetInt32(), change.GetProperty("visitsAfter").GetInt32()));
        Assert.Equal(100, change.GetProperty("visitsChangePercent").GetDouble(), 9);
        Assert.Equal((1360 - 360) / 360.0 * 100, change.GetProperty("minutesChangePercent").GetDouble(), 9);
    }

    [Fact]
    public async Task A_bad_period_or_grouping_is_refused_with_the_reason()
    {
        var missing = await fixture.Http.GetAsync("/api/reports/presence");
        var backwards = await fixture.Http.GetAsync($"/api/reports/mileage?{Period(Day, Day.AddDays(-1))}");
        var tooLong = await fixture.Http.GetAsync($"/api/reports/response-times?{Period(Day.AddDays(-100), Day)}");
        var grouping = await fixture.Http.GetAsync($"/api/reports/presence?{Period(Day, Day.AddDays(1))}&by=weather");

        Assert.All([missing, backwards, tooLong, grouping], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("by: one of", await grouping.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mileage_of_a_vehicle_is_the_driven_distance_and_a_replay_gives_its_track_as_GPX()
    {
        await ControlRoomClient.OnDutyAsync(fixture.Http, "rep");
        await using var vehicle = await fixture.DeviceAsync("rep-veh");
        var start = Day.AddHours(10);
        // North 0.001° of latitude per 10 s for a minute, then parked with a few metres of jitter for ten minutes.
        for (var i = 0; i <= 6; i++)
        {
            await vehicle.PublishAsync(DeviceClient.Fix("rep-veh", start.AddSeconds(10 * i), lat: 52.60 + (0.001 * i), lon: -1.14));
        }

        for (var i = 1; i <= 60; i++)
        {
            await vehicle.PublishAsync(DeviceClient.Fix("rep-veh", start.AddSeconds(60 + (10 * i)), lat: 52.606 + (i % 2 == 0 ? 0.00005 : -0.00005), lon: -1.14));
        }

        var report = await Eventually.UntilAsync(
            () => fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/mileage?{Period(Day, Day.AddDays(1))}"),
            r => r.GetProperty("days").EnumerateArray().Any(d => d.GetProperty("vehicle").GetString() == "rep-veh" && d.GetProperty("parkedHours").GetDouble() >= 600 / 3600.0),
            "the vehicle's stored track");
        var day = report.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("vehicle").GetString() == "rep-veh");
        var bng = MapProjection.BritishNationalGrid;
        var (_, y0) = bng.Project(-1.14, 52.60);
        var (_, y6) = bng.Project(-1.14, 52.606);
        Assert.Equal((y6 - y0) / 1000, day.GetProperty("distanceKm").GetDouble(), 2);
        Assert.Equal(60 / 3600.0, day.GetProperty("movingHours").GetDouble(), 9);
        Assert.Equal(600 / 3600.0, day.GetProperty("parkedHours").GetDouble(), 9);
        Assert.Equal(0, day.GetProperty("shiftsUsed").GetInt32());

        // The closed day's figures are stored; a late fix (the vehicle drove on 0.001° north) changes its track's version,
        // so the next report measures the day again instead of reading the stored figures.
        // (A batch committed while that report read the versions makes it measure the day again: one more report, then
        // nothing is arriving.)
        await fixture.Http.GetStringAsync($"/api/reports/mileage?{Period(Day, Day.AddDays(1))}");
        Assert.Equal(1, await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM vehicle_days s LEFT JOIN track_day_versions v USING (device_id, day) WHERE s.device_id = 'rep-veh' AND s.version = coalesce(v.version, 0)"));
        await vehicle.PublishAsync(DeviceClient.Fix("rep-veh", start.AddSeconds(670), lat: 52.607, lon: -1.14));
        var (_, y7) = bng.Project(-1.14, 52.607);
        var later = await Eventually.UntilAsync(
            () => fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/mileage?{Period(Day.AddHours(1), Day.AddHours(2))}"),
            r => r.GetProperty("days").EnumerateArray().Any(d => d.GetProperty("vehicle").GetString() == "rep-veh" && d.GetProperty("movingHours").GetDouble() > 61 / 3600.0),
            "the late fix measured");
        var again = later.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("vehicle").GetString() == "rep-veh");
        Assert.Equal((y7 - y0) / 1000, again.GetProperty("distanceKm").GetDouble(), 2);
        Assert.Equal(70 / 3600.0, again.GetProperty("movingHours").GetDouble(), 9);
        Assert.Equal(1, await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM vehicle_days s JOIN track_day_versions v USING (device_id, day) WHERE s.device_id = 'rep-veh' AND s.version = v.version"));

        var gpx = XDocument.Parse(await fixture.Http.GetStringAsync($"/api/reports/replay?purpose=tests&device=rep-veh&{Period(start, start.AddHours(1))}&format=gpx"));
        XNamespace ns = "http://www.topografix.com/GPX/1/1";
        var points = gpx.Descendants(ns + "trkpt").ToList();
        Assert.Equal(68, points.Count); // the drive, the parked minutes and the late fix
        Assert.Equal("52.6", points[0].Attribute("lat")!.Value);
        Assert.Equal(start, DateTimeOffset.Parse(points[0].Element(ns + "time")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Response_times_deployments_workload_and_demand_from_stored_incidents_and_attendances()
    {
        await ControlRoomClient.OnDutyAsync(fixture.Http, "resp");
        // The day shift that had the car on the day of the incident.
        await ControlRoomClient.ImportAsync(fixture.Http, "shifts", new object[]
        {
            new { id = "resp-day", unit = "resp", start = Day.AddHours(8), end = Day.AddHours(16), vehicle = "resp-veh",
                crew = new[] { new { officer = "resp-a", radio = "resp-ra" }, new { officer = "resp-b", radio = "resp-rb" } } },
        });
        var incidents = new IncidentStore(fixture.Database.DataSource);
        var created = Day.AddHours(12);
        // In the test map's west beat (longitude -1.15 to -1.13): reached after 9 minutes by a car that was sent, and after 7 by one that was not.
        await incidents.UpsertAsync(new Incident("INC-REP-1", Grade.Emergency, "Assault", -1.14, 52.63, [], null, created, IncidentStatus.Closed, created.AddHours(1)));
        await incidents.UpsertAttendanceAsync(new Attendance("INC-REP-1", "resp", created.AddMinutes(1), created.AddMinutes(9), false));
        await incidents.UpsertAttendanceAsync(new Attendance("INC-REP-1", "other", null, created.AddMinutes(7), true));

        var times = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/response-times?{Period(Day, Day.AddDays(1))}");
        var grade1 = times.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("grade").GetInt32() == 1 && r.GetProperty("by").GetString() == "grade");
        Assert.Equal(7, grade1.GetProperty("medianMinutes").GetDouble());
        Assert.Equal(1, grade1.GetProperty("withinTarget").GetDouble());
        Assert.Contains(times.GetProperty("rows").EnumerateArray(), r => r.GetProperty("by").GetString() == "beat" && r.GetProperty("group").GetString() == "WEST");

        var deployments = await fixture.Http.GetStringAsync($"/api/reports/deployments?{Period(Day, Day.AddDays(1))}&format=csv");
        Assert.Contains("unit,other,1,1,1\r\n", deployments, StringComparison.Ordinal);
        Assert.Contains("unit,resp,1,0,1\r\n", deployments, StringComparison.Ordinal);

        var demand = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/demand?{Period(Day, Day.AddDays(1))}");
        Assert.Equal(1, demand.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("beat").GetString() == "WEST").GetProperty("incidents").GetInt32());
        var choropleth = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/demand?{Period(Day, Day.AddDays(1))}&format=geojson");
        Assert.Equal("FeatureCollection", choropleth.GetProperty("type").GetString());

        var workload = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/reports/workload?purpose=tests&{Period(Day, Day.AddDays(1))}");
        var rows = workload.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("shift").GetString() + " " + r.GetProperty("id").GetString() + " " + r.GetProperty("attended").GetInt32());
        Assert.Equal(["resp-day resp-a 1", "resp-day resp-b 1", "resp-day resp 1"], rows);
        var team = workload.GetProperty("teams").EnumerateArray().Single(t => t.GetProperty("team").GetString() == "West NPT");
        Assert.Equal((2, 2, 0.0), (team.GetProperty("officers").GetInt32(), team.GetProperty("attended").GetInt32(), team.GetProperty("gini").GetDouble()));
    }
}
