using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using Tracking.Server.Tests.Command;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// The live map hub end to end: units put on duty through the API, placed by real MQTT publishes, watched by real
/// SignalR clients. The live map's clock is manual (<see cref="LiveMapServerFixture"/>), so frames come only when a
/// test moves it. Each test works in its own place (a latitude band north of the test map) with its own units.
/// </summary>
public sealed class LiveHubTests(LiveMapServerFixture fixture) : IClassFixture<LiveMapServerFixture>
{
    private const double Longitude = -1.14;

    private static DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>Whether the payload has the marker in full (<c>units</c>).</summary>
    private static bool HasUnit(JsonNode payload, string id) => Payloads.Unit(payload, id) is not null;

    /// <summary>What the payload tells of the marker, in full or as a move entry.</summary>
    private static JsonNode? Entry(JsonNode payload, string id) => Payloads.Unit(payload, id) ?? Payloads.Move(payload, id);

    private static double Latitude(JsonNode marker) => (double)marker["latitude"]!;

    private static DateTimeOffset Time(JsonNode payload) => DateTimeOffset.Parse((string)payload["time"]!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_force_view_shows_every_unit_and_each_device_no_unit_holds_but_never_a_units_own_device()
    {
        const double Band = 52.70;
        await fixture.OnDutyAsync("force-a", "Force team", "Force station");
        await TrackingServer.RegisterAsync(fixture.Http, "stray-1");
        await using var vehicle = await fixture.DeviceAsync("force-a-veh");
        await using var stray = await fixture.DeviceAsync("stray-1");
        var time = Now();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band, time);
        await LiveMapServerFixture.PlaceAsync(stray, Longitude + 0.01, Band, time);
        await fixture.PositionedAsync("force-a", time);
        await using var map = await fixture.MapAsync();

        var snapshot = await map.JoinAsync(MapViews.Force());
        var seen = HasUnit(snapshot, "stray-1")
            ? snapshot
            : await fixture.FrameAsync(map, 0, f => HasUnit(f, "stray-1"), "the stray device's marker");

        var unit = Payloads.Unit(snapshot, "force-a")!;
        Assert.Equal("unit", (string?)unit["kind"]);
        Assert.Equal("Call force-a", (string?)unit["callSign"]);
        Assert.Equal("responseCar", (string?)unit["type"]);
        Assert.Equal("available", (string?)unit["status"]);
        Assert.True((bool)unit["onDuty"]!);
        Assert.Equal("Force team", (string?)unit["team"]);
        Assert.Equal("Force station", (string?)unit["station"]);
        Assert.Equal(Longitude, (double)unit["longitude"]!, 9);
        Assert.Equal(Band, Latitude(unit), 9);
        Assert.Equal("force-a-veh", (string?)unit["device"]);
        Assert.Equal(time, DateTimeOffset.Parse((string)unit["time"]!, System.Globalization.CultureInfo.InvariantCulture));

        var device = Payloads.Unit(seen, "stray-1")!;
        Assert.Equal("device", (string?)device["kind"]);
        Assert.Equal("stray-1", (string?)device["callSign"]);
        Assert.Null(device["status"]);
        Assert.Null(device["team"]);
        Assert.Equal("stray-1", (string?)device["device"]);

        // The unit's tracker is shown only as its unit, in the snapshot and in every frame since.
        Assert.DoesNotContain(map.Snapshots.Concat(map.Frames), p => Payloads.Mentions(p, "force-a-veh"));
    }

    [Fact]
    public async Task A_bbox_view_shows_only_markers_inside_it_and_removes_a_unit_that_drives_out()
    {
        const double Band = 52.72;
        await fixture.OnDutyAsync("box-in", "Box team", "Box station");
        await fixture.OnDutyAsync("box-out", "Box team", "Box station");
        await using var inside = await fixture.DeviceAsync("box-in-veh");
        await using var outside = await fixture.DeviceAsync("box-out-veh");
        var time = Now();
        await LiveMapServerFixture.PlaceAsync(inside, Longitude, Band, time);
        await LiveMapServerFixture.PlaceAsync(outside, Longitude, Band + 0.05, time);
        await fixture.PositionedAsync("box-in", time);
        await fixture.PositionedAsync("box-out", time);
        await using var map = await fixture.MapAsync();

        var snapshot = await map.JoinAsync(MapViews.Box(Longitude - 0.01, Band - 0.01, Longitude + 0.01, Band + 0.01));

        Assert.Contains("box-in", Payloads.Ids(snapshot));
        Assert.DoesNotContain("box-out", Payloads.Ids(snapshot));
        Assert.All(Payloads.Units(snapshot), u => Assert.InRange(Latitude(u), Band - 0.01, Band + 0.01));

        // One drives out of the box, the other into it.
        await LiveMapServerFixture.PlaceAsync(inside, Longitude, Band + 0.05, time.AddSeconds(1));
        await LiveMapServerFixture.PlaceAsync(outside, Longitude + 0.005, Band + 0.005, time.AddSeconds(1));
        await fixture.PositionedAsync("box-in", time.AddSeconds(1));
        await fixture.PositionedAsync("box-out", time.AddSeconds(1));
        var removed = await fixture.FrameAsync(map, 0, f => Payloads.Ids(f, "removed").Contains("box-in"), "box-in removed");
        var entered = await fixture.FrameAsync(map, 0, f => Payloads.Mentions(f, "box-out"), "box-out in the box");

        // New to the view, so in full, though only its place changed.
        Assert.Null(Payloads.Move(entered, "box-out"));
        Assert.Equal(Band + 0.005, Latitude(Payloads.Unit(entered, "box-out")!), 9);
        Assert.Equal("Call box-out", (string?)Payloads.Unit(entered, "box-out")!["callSign"]);
        Assert.DoesNotContain(map.Frames, f => Entry(f, "box-in") is { } e && Latitude(e) > Band + 0.01);
        Assert.DoesNotContain("box-in", Payloads.Ids(removed));
    }

    [Fact]
    public async Task Team_and_station_views_show_only_their_units()
    {
        await fixture.OnDutyAsync("ts-a", "Team TS-A", "Station TS-1");
        await fixture.OnDutyAsync("ts-b", "Team TS-B", "Station TS-1");
        await fixture.OnDutyAsync("ts-c", "Team TS-A", "Station TS-2");
        await using var team = await fixture.MapAsync();
        await using var station = await fixture.MapAsync();

        var teamSnapshot = await team.JoinAsync(MapViews.Team("Team TS-A"));
        var stationSnapshot = await station.JoinAsync(MapViews.Station("Station TS-1"));

        Assert.Equal(["ts-a", "ts-c"], Payloads.Ids(teamSnapshot).Order(StringComparer.Ordinal));
        Assert.Equal(["ts-a", "ts-b"], Payloads.Ids(stationSnapshot).Order(StringComparer.Ordinal));

        // ts-b changes, then ts-c: the team view hears of ts-c and never of ts-b; the station view of ts-b and never of ts-c.
        await SetStatusAsync("ts-b", "unavailable", "refreshments");
        await SetStatusAsync("ts-c", "unavailable", "custody");
        await fixture.FrameAsync(team, 0, f => HasUnit(f, "ts-c"), "ts-c's change in the team view");
        await fixture.FrameAsync(station, 0, f => HasUnit(f, "ts-b"), "ts-b's change in the station view");
        Assert.DoesNotContain(team.Frames, f => Payloads.Mentions(f, "ts-b"));
        Assert.DoesNotContain(station.Frames, f => Payloads.Mentions(f, "ts-c"));
    }

    [Fact]
    public async Task Many_fixes_of_one_unit_between_two_frames_reach_the_client_as_one_marker_in_one_frame()
    {
        const double Band = 52.74;
        await fixture.OnDutyAsync("coal", "Coalescing team", "Coalescing station");
        await using var vehicle = await fixture.DeviceAsync("coal-veh");
        await using var map = await fixture.MapAsync();
        await map.JoinAsync(MapViews.Team("Coalescing team"));

        // Ten fixes, each acknowledged (durable) before the next; the live map's clock does not move meanwhile.
        var start = Now();
        for (var i = 0; i < 10; i++)
        {
            await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band + (i * 0.0001), start.AddSeconds(i));
        }

        await fixture.PositionedAsync("coal", start.AddSeconds(9));
        var frame = await fixture.FrameAsync(map, 0, f => Payloads.Mentions(f, "coal"), "coal's position");

        // The first fix gave the unit its device (it had no position), so the ten are one marker in full.
        var marker = Assert.Single(Payloads.Units(frame).Concat(Payloads.Moved(frame)), u => (string?)u["id"] == "coal");
        Assert.Same(Payloads.Unit(frame, "coal"), marker);
        Assert.Equal("coal-veh", (string?)marker["device"]);
        Assert.Equal(Band + 0.0009, Latitude(marker), 9);
        Assert.Equal(start.AddSeconds(9), DateTimeOffset.Parse((string)marker["time"]!, System.Globalization.CultureInfo.InvariantCulture));

        // A later change comes in a later frame; before it, the fixes made exactly one frame.
        await SetStatusAsync("coal", "unavailable", "refreshments");
        await fixture.FrameAsync(map, 0, f => (string?)Payloads.Unit(f, "coal")?["status"] == "unavailable", "coal unavailable");
        Assert.Single(map.Frames, f => Payloads.Mentions(f, "coal") && (string?)Payloads.Unit(f, "coal")?["status"] != "unavailable");
    }

    [Fact]
    public async Task A_foot_patrol_comes_onto_the_map_and_goes_when_its_officer_is_back_with_the_vehicle()
    {
        const double Band = 52.84;
        await fixture.OnDutyAsync("walk", "Walking team", "Walking station");
        await using var vehicle = await fixture.DeviceAsync("walk-veh");
        await using var radio = await fixture.DeviceAsync("walk-ra");
        await using var map = await fixture.MapAsync();
        await map.JoinAsync(MapViews.Team("Walking team"));
        var time = Now();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band, time);
        await fixture.PositionedAsync("walk", time);

        // The radio 0.004° north of the car (about 445 m): its officer is a foot patrol of the car's team.
        await LiveMapServerFixture.PlaceAsync(radio, Longitude, Band + 0.004, time.AddSeconds(1));
        var came = await fixture.FrameAsync(map, 0, f => HasUnit(f, "walk.walk-o"), "the foot patrol's marker");
        Assert.Equal(Band + 0.004, Latitude(Payloads.Unit(came, "walk.walk-o")!), 9);

        // Back beside the car: crew again, so the foot patrol's marker goes.
        var seen = map.Frames.Count;
        await LiveMapServerFixture.PlaceAsync(radio, Longitude, Band + 0.0002, time.AddSeconds(2));
        await fixture.FrameAsync(map, seen, f => Payloads.Ids(f, "removed").Contains("walk.walk-o"), "the foot patrol removed");
        Assert.DoesNotContain(map.Frames.Skip(seen), f => Payloads.Mentions(f, "walk.walk-o"));
    }

    [Fact]
    public async Task A_client_gets_at_most_one_frame_an_interval_however_finely_the_clock_moves()
    {
        await fixture.OnDutyAsync("pace", "Pace team", "Pace station");
        await using var map = await fixture.MapAsync();
        await map.JoinAsync(MapViews.Team("Pace team"));

        // The unit changes status every tenth of an interval for three intervals, and the live map's clock follows.
        var step = LiveMapServerFixture.FrameInterval / 10;
        for (var i = 0; i < 30; i++)
        {
            await SetStatusAsync("pace", i % 2 == 0 ? "unavailable" : "available", "refreshments");
            fixture.Clock.Advance(step);
        }

        // The loop ended on available; the clock moves no more until the last change is set, so the next frame has it.
        var seen = map.Frames.Count;
        await SetStatusAsync("pace", "unavailable", "custody");
        await fixture.FrameAsync(map, seen, f => (string?)Payloads.Unit(f, "pace")?["status"] == "unavailable", "the last status");

        var times = map.Frames.Select(Time).ToList();
        Assert.True(times.Count >= 2, $"{times.Count} frames");
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= LiveMapServerFixture.FrameInterval, $"frames at {pair.First:O} and {pair.Second:O}"));
    }

    [Fact]
    public async Task A_unit_status_change_reaches_the_client()
    {
        await fixture.OnDutyAsync("status-a", "Status team", "Status station");
        await using var map = await fixture.MapAsync();
        var snapshot = await map.JoinAsync(MapViews.Team("Status team"));
        Assert.Equal("available", (string?)Payloads.Unit(snapshot, "status-a")!["status"]);

        await SetStatusAsync("status-a", "unavailable", "vehicle defect");

        // A status change comes in full, never as a move.
        var frame = await fixture.FrameAsync(map, 0, f => Payloads.Mentions(f, "status-a"), "status-a's new status");
        Assert.Null(Payloads.Move(frame, "status-a"));
        Assert.Equal("unavailable", (string?)Payloads.Unit(frame, "status-a")!["status"]);
    }

    [Fact]
    public async Task Moves_and_a_status_change_between_two_frames_arrive_as_one_marker_in_full_and_a_move_alone_after_as_a_move()
    {
        const double Band = 52.88;
        await fixture.OnDutyAsync("both", "Both team", "Both station");
        await using var vehicle = await fixture.DeviceAsync("both-veh");
        await using var map = await fixture.MapAsync();
        await map.JoinAsync(MapViews.Team("Both team"));
        var time = Now();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band, time);
        await fixture.FrameAsync(map, 0, f => Payloads.Mentions(f, "both"), "both's first position");

        // Before the view's next frame: it moves, its status changes, it moves again, each taken into the view at a
        // step of its own, so the view's pending changes coalesce them (a move, then a change in full, then a move).
        var seen = map.Frames.Count;
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band + 0.001, time.AddSeconds(1));
        await fixture.PositionedAsync("both", time.AddSeconds(1));
        await fixture.StepAsync();
        await SetStatusAsync("both", "unavailable", "refreshments");
        await fixture.StepAsync();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band + 0.002, time.AddSeconds(2));
        await fixture.PositionedAsync("both", time.AddSeconds(2));
        await fixture.StepAsync();
        Assert.Equal(seen, map.Frames.Count);
        var frame = await fixture.FrameAsync(map, seen, f => Payloads.Mentions(f, "both"), "both's moves and status");

        Assert.Null(Payloads.Move(frame, "both"));
        var marker = Payloads.Unit(frame, "both")!;
        Assert.Equal("unavailable", (string?)marker["status"]);
        Assert.Equal(Band + 0.002, Latitude(marker), 9);

        // A move alone after that is a move entry again.
        seen = map.Frames.Count;
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band + 0.003, time.AddSeconds(3));
        var moved = await fixture.FrameAsync(map, seen, f => Payloads.Mentions(f, "both"), "both's next move");
        Assert.False(HasUnit(moved, "both"));
        Assert.Equal(Band + 0.003, Latitude(Payloads.Move(moved, "both")!), 9);
        Assert.Equal("unavailable", (string?)map.Markers()["both"]["status"]);
    }

    [Fact]
    public async Task A_client_that_joins_while_its_view_has_changes_pending_never_gets_a_move_for_a_marker_its_snapshot_lacks()
    {
        const double Band = 52.86;
        string[] units = ["mid-a", "mid-b", "mid-c"];
        var devices = new Dictionary<string, DeviceClient>();
        foreach (var unit in units)
        {
            await fixture.OnDutyAsync(unit, "Mid team", "Mid station");
            devices[unit] = await fixture.DeviceAsync(unit + "-veh");
        }

        try
        {
            async Task PlaceAllAsync(DateTimeOffset at, double a, double b, double c)
            {
                foreach (var (unit, latitude) in units.Zip([a, b, c]))
                {
                    await LiveMapServerFixture.PlaceAsync(devices[unit], Longitude, latitude, at);
                }

                foreach (var unit in units)
                {
                    await fixture.PositionedAsync(unit, at);
                }
            }

            var box = MapViews.Box(Longitude - 0.01, Band - 0.01, Longitude + 0.01, Band + 0.01);
            var time = Now();

            // mid-a and mid-c in the box, mid-b north of it; the first client's snapshot.
            await PlaceAllAsync(time, Band, Band + 0.05, Band + 0.001);
            await using var early = await fixture.MapAsync();
            var earlySnapshot = await early.JoinAsync(box);
            Assert.Equal(["mid-a", "mid-c"], Payloads.Ids(earlySnapshot).Where(units.Contains).Order(StringComparer.Ordinal));

            // Pending for the view's next frame: mid-a moved in the box (a move), mid-b came into it (in full), mid-c left it.
            await PlaceAllAsync(time.AddSeconds(1), Band + 0.001, Band + 0.005, Band + 0.05);

            // A second client joins the view now, the live map's clock not having moved: its snapshot shows the box as it is.
            await using var late = await fixture.MapAsync(messagePack: true);
            var lateSnapshot = await late.JoinAsync(box);
            Assert.Equal(["mid-a", "mid-b"], Payloads.Ids(lateSnapshot).Where(units.Contains).Order(StringComparer.Ordinal));

            // After it joined: mid-a and mid-b move in the box, mid-c comes back into it.
            var last = time.AddSeconds(2);
            await PlaceAllAsync(last, Band + 0.002, Band + 0.006, Band + 0.002);

            foreach (var client in new[] { early, late })
            {
                await Eventually.UntilAsync(
                    () =>
                    {
                        // Done too, to fail below, once a move came for a marker the client did not hold.
                        var markers = client.Markers();
                        var done = units.All(u => markers.TryGetValue(u, out var m) && Time(m) == last) || client.MovesOfMarkersNotHeld().Count > 0;
                        if (!done)
                        {
                            fixture.Clock.Advance(LiveMapServerFixture.FrameInterval);
                        }

                        return Task.FromResult(done);
                    },
                    done => done,
                    "the three units at their last place");

                Assert.Empty(client.MovesOfMarkersNotHeld());
                var held = client.Markers();
                Assert.Equal(Band + 0.002, Latitude(held["mid-a"]), 9);
                Assert.Equal(Band + 0.006, Latitude(held["mid-b"]), 9);
                Assert.Equal(Band + 0.002, Latitude(held["mid-c"]), 9);
                Assert.All(units, u => Assert.Equal("Call " + u, (string?)held[u]["callSign"]));
            }

            // mid-a only ever moved in the box: both clients got it as moves, on top of their snapshots.
            Assert.Contains(early.Frames, f => Payloads.Move(f, "mid-a") is not null);
            Assert.Contains(late.Frames, f => Payloads.Move(f, "mid-a") is not null);
            Assert.DoesNotContain(late.Frames, f => HasUnit(f, "mid-a"));

            // mid-c came back into the box: in full to both, whatever it did in between.
            Assert.Contains(early.Frames, f => HasUnit(f, "mid-c"));
            Assert.Contains(late.Frames, f => HasUnit(f, "mid-c"));
        }
        finally
        {
            foreach (var device in devices.Values)
            {
                await device.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_alarm_reaches_every_client_whatever_its_view_and_so_does_its_clearing()
    {
        const double Band = 52.76;
        await fixture.OnDutyAsync("alarm-a", "Alarm team", "Alarm station");
        await using var vehicle = await fixture.DeviceAsync("alarm-a-veh");
        var time = Now();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band, time);
        await fixture.PositionedAsync("alarm-a", time);
        await using var far = await fixture.MapAsync();
        await using var otherTeam = await fixture.MapAsync(messagePack: true);
        await using var otherStation = await fixture.MapAsync(longPolling: true);
        await far.JoinAsync(MapViews.Box(10, 50, 11, 51));
        await otherTeam.JoinAsync(MapViews.Team("Nobody's team"));
        await otherStation.JoinAsync(MapViews.Station("Nowhere"));
        MapClient[] clients = [far, otherTeam, otherStation];

        await vehicle.PublishRawAsync("""{"status":"emergency"}"""u8.ToArray(), topic: "tracking/alarm-a-veh/status");

        JsonNode? raised = null;
        foreach (var client in clients)
        {
            var frame = await fixture.FrameAsync(client, 0, f => AlarmOf(f, "alarm-a-veh") is { } a && a["clearedAt"] is null, "the alarm");
            raised = AlarmOf(frame, "alarm-a-veh");
            Assert.Equal("alarm-a", (string?)raised!["unitId"]);
            Assert.Equal(Band, (double)raised["latitude"]!, 9);
        }

        var id = (string)raised!["id"]!;
        var clear = await fixture.Http.PostAsJsonAsync($"/api/alarms/{id}/clear", new { by = "Dispatcher Smith", note = "safe" });
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        foreach (var client in clients)
        {
            var frame = await fixture.FrameAsync(client, 0, f => AlarmOf(f, "alarm-a-veh") is { } a && a["clearedAt"] is not null, "the alarm cleared");
            Assert.Equal("Dispatcher Smith", (string?)AlarmOf(frame, "alarm-a-veh")!["clearedBy"]);
        }

        // A client that joins now does not see it: the snapshot has the open alarms only.
        await using var late = await fixture.MapAsync();
        Assert.DoesNotContain((await late.JoinAsync(MapViews.Force()))["alarms"]!.AsArray(), a => (string?)a!["id"] == id);
    }

    [Fact]
    public async Task An_incident_its_dispatch_and_the_units_new_status_reach_the_client()
    {
        const double Band = 52.78;
        await fixture.OnDutyAsync("inc-a", "Incident team", "Incident station");
        await using var map = await fixture.MapAsync();
        await map.JoinAsync(MapViews.Team("Incident team"));
        var incident = new
        {
            id = "INC-LIVE",
            grade = 1,
            type = "Burglary in progress",
            location = new { type = "Point", coordinates = new[] { Longitude, Band } },
            requiredSkills = Array.Empty<string>(),
            createdAt = Now().AddMinutes(-1),
            status = "open",
        };

        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents", incident)).StatusCode);
        var opened = await fixture.FrameAsync(map, 0, f => f["incidents"]!.AsArray().Any(i => (string?)i!["id"] == "INC-LIVE"), "the incident");
        var view = opened["incidents"]!.AsArray().Single(i => (string?)i!["id"] == "INC-LIVE")!;
        Assert.Equal("open", (string?)view["status"]);
        Assert.Equal(1, (double)view["grade"]!);

        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PostAsJsonAsync("/api/incidents/INC-LIVE/assignments", new { unit = "inc-a" })).StatusCode);
        var sent = await fixture.FrameAsync(map, 0, f => f["dispatches"]!.AsArray().Any(d => (string?)d!["incident"] == "INC-LIVE"), "the dispatch");
        Assert.Equal("inc-a", (string?)sent["dispatches"]!.AsArray().Single(d => (string?)d!["incident"] == "INC-LIVE")!["unit"]);
        await fixture.FrameAsync(map, 0, f => (string?)Payloads.Unit(f, "inc-a")?["status"] == "assigned", "inc-a assigned");

        // Every client joining now gets the open incident in its snapshot, whatever its view.
        await using var elsewhere = await fixture.MapAsync();
        var snapshot = await elsewhere.JoinAsync(MapViews.Box(10, 50, 11, 51));
        Assert.Contains(snapshot["incidents"]!.AsArray(), i => (string?)i!["id"] == "INC-LIVE");
    }

    [Fact]
    public async Task A_reconnect_gets_a_fresh_snapshot_and_joining_again_replaces_the_view()
    {
        const double Band = 52.80;
        await fixture.OnDutyAsync("again", "Again team", "Again station");
        await using var vehicle = await fixture.DeviceAsync("again-veh");
        var first = Now();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band, first);
        await fixture.PositionedAsync("again", first);
        var box = MapViews.Box(Longitude - 0.01, Band - 0.01, Longitude + 0.01, Band + 0.01);

        var map = await fixture.MapAsync(longPolling: true);
        Assert.Equal(Band, Latitude(Payloads.Unit(await map.JoinAsync(box), "again")!), 9);
        await map.DisposeAsync();

        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band + 0.001, first.AddSeconds(1));
        await fixture.PositionedAsync("again", first.AddSeconds(1));
        await using var reconnected = await fixture.MapAsync(longPolling: true);
        var fresh = await reconnected.JoinAsync(box);
        Assert.Equal(Band + 0.001, Latitude(Payloads.Unit(fresh, "again")!), 9);

        // The same connection joins another view: a new snapshot of that view, and frames of that view only.
        var elsewhere = await reconnected.JoinAsync(MapViews.Box(10, 50, 11, 51));
        Assert.DoesNotContain("again", Payloads.Ids(elsewhere));
        var before = reconnected.Frames.Count;
        await using var probe = await fixture.MapAsync();
        await probe.JoinAsync(MapViews.Team("Again team"));
        await SetStatusAsync("again", "unavailable", "refreshments");
        await fixture.FrameAsync(probe, 0, f => (string?)Payloads.Unit(f, "again")?["status"] == "unavailable", "the change in another view");

        // Views take turns: the connection's own view has its next frame (a heartbeat at the latest) after the change too.
        await fixture.FrameAsync(reconnected, reconnected.Frames.Count, _ => true, "the connection's next frame");
        Assert.DoesNotContain(reconnected.Frames.Skip(before), f => Payloads.Mentions(f, "again"));
    }

    [Fact]
    public async Task MessagePack_clients_get_the_same_content_as_JSON_clients()
    {
        const double Band = 52.82;
        await fixture.OnDutyAsync("pack-a", "Pack team", "Pack station");
        await fixture.OnDutyAsync("pack-b", "Pack team", "Pack station");
        await using var vehicle = await fixture.DeviceAsync("pack-a-veh");
        var time = Now();
        await LiveMapServerFixture.PlaceAsync(vehicle, Longitude, Band, time);
        await fixture.PositionedAsync("pack-a", time);
        await using var json = await fixture.MapAsync();
        await using var messagePack = await fixture.MapAsync(messagePack: true);

        var jsonSnapshot = (JsonObject)await json.JoinAsync(MapViews.Team("Pack team"));
        var packSnapshot = (JsonObject)await messagePack.JoinAsync(MapViews.Team("Pack team"));

        // Two snapshots, taken at two moments: the same apart from their time.
        jsonSnapshot.Remove("time");
        packSnapshot.Remove("time");
        Assert.True(JsonNode.DeepEquals(jsonSnapshot, packSnapshot), $"JSON: {jsonSnapshot}\nMessagePack: {packSnapshot}");
        Assert.Equal(2, Payloads.Units(jsonSnapshot).Count());

        // One frame for the view: byte for byte the same document in both protocols. pack-a only moved (a move
        // entry), pack-b changed status (in full).
        await vehicle.PublishAsync(DeviceClient.Fix("pack-a-veh", time.AddSeconds(1), lat: Band + 0.001, lon: Longitude, speed: 8.5) with { Heading = 45 });
        await fixture.PositionedAsync("pack-a", time.AddSeconds(1));
        await SetStatusAsync("pack-b", "unavailable", "refreshments");
        var jsonFrame = await fixture.FrameAsync(json, 0, f => Payloads.Mentions(f, "pack-b"), "the JSON frame");
        var packFrame = await fixture.FrameAsync(messagePack, 0, f => Payloads.Mentions(f, "pack-b"), "the MessagePack frame");
        Assert.True(JsonNode.DeepEquals(jsonFrame, packFrame), $"JSON: {jsonFrame}\nMessagePack: {packFrame}");

        Assert.Equal("unavailable", (string?)Payloads.Unit(jsonFrame, "pack-b")?["status"]);
        Assert.Null(Payloads.Move(jsonFrame, "pack-b"));
        Assert.Null(Payloads.Unit(jsonFrame, "pack-a"));
        var move = (JsonObject)Payloads.Move(jsonFrame, "pack-a")!;
        Assert.Equal(["id", "longitude", "latitude", "heading", "speed", "time"], move.Select(p => p.Key));
        Assert.Equal(Longitude, (double)move["longitude"]!, 9);
        Assert.Equal(Band + 0.001, Latitude(move), 9);
        Assert.Equal(45, (double)move["heading"]!);
        Assert.Equal(8.5, (double)move["speed"]!);
        Assert.Equal(time.AddSeconds(1), Time(move));
    }

    [Theory]
    [InlineData("""{"kind": "planet"}""", "kind: 'planet' is not a view")]
    [InlineData("""{}""", "kind: required")]
    [InlineData("""{"kind": "bbox", "west": -1.2, "south": 52.6, "east": -1.1}""", "west, south, east, north: all four required")]
    [InlineData("""{"kind": "bbox", "west": -1.1, "south": 52.6, "east": -1.2, "north": 52.7}""", "west: must be less than east")]
    [InlineData("""{"kind": "bbox", "west": -1.2, "south": 95, "east": -1.1, "north": 96}""", "south, north: must be latitudes")]
    [InlineData("""{"kind": "team"}""", "team: required for a team view")]
    [InlineData("""{"kind": "station", "station": " "}""", "station: required for a station view")]
    public async Task An_invalid_view_is_refused_with_the_problem_named(string view, string problem)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(view)!
            .ToDictionary(p => p.Key, p => p.Value is System.Text.Json.JsonElement e ? Plain(e) : p.Value);
        await using var json = await fixture.MapAsync();
        await using var messagePack = await fixture.MapAsync(messagePack: true);

        foreach (var client in new[] { json, messagePack })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => client.InvokeJoinAsync(request));
            Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
            Assert.Empty(client.Snapshots);
        }
    }

    [Fact]
    public async Task A_client_that_got_nothing_for_two_seconds_gets_an_empty_heartbeat_frame()
    {
        await using var map = await fixture.MapAsync();
        var snapshot = await map.JoinAsync(MapViews.Team("Quiet team"));

        // The live map's clock moves half a second at a time until an empty frame comes.
        var heartbeat = await fixture.FrameAsync(map, 0, IsEmpty, "a heartbeat");

        // Incidents and alarms reach every view, so another test's leftovers may come first: the heartbeat is measured
        // from whatever the client got last before it.
        var before = map.Frames.TakeWhile(f => !ReferenceEquals(f, heartbeat)).Append(snapshot).Select(Time).Max();
        var gap = Time(heartbeat) - before;
        Assert.InRange(gap, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + (2 * LiveMapServerFixture.FrameInterval));
        var stats = await fixture.Http.GetFromJsonAsync<JsonObject>("/api/livemap/stats");
        Assert.True((long)stats!["heartbeatsSent"]! >= 1, stats.ToString());

        static bool IsEmpty(JsonNode frame) => new[] { "units", "moved", "removed", "incidents", "alarms", "dispatches" }.All(key => frame[key]!.AsArray().Count == 0);
    }

    [Fact]
    public async Task The_stats_count_clients_snapshots_frames_and_bytes()
    {
        await fixture.OnDutyAsync("stats-a", "Stats team", "Stats station");
        await using var map = await fixture.MapAsync();
        await map.JoinAsync(MapViews.Team("Stats team"));
        await SetStatusAsync("stats-a", "unavailable", "refreshments");
        await fixture.FrameAsync(map, 0, f => HasUnit(f, "stats-a"), "the change");

        var stats = await fixture.Http.GetFromJsonAsync<JsonObject>("/api/livemap/stats");

        Assert.True((int)stats!["clients"]! >= 1, stats.ToString());
        Assert.True((long)stats["snapshotsSent"]! >= 1, stats.ToString());
        Assert.True((long)stats["framesSent"]! >= 1, stats.ToString());
        Assert.True((long)stats["bytesSent"]! > 0, stats.ToString());
        Assert.Equal(0, (long)stats["controlRoomEventsDropped"]!);
    }

    private static JsonNode? AlarmOf(JsonNode payload, string device) =>
        payload["alarms"]!.AsArray().FirstOrDefault(a => (string?)a!["deviceId"] == device);

    private static object? Plain(System.Text.Json.JsonElement element) => element.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Number => element.GetDouble(),
        System.Text.Json.JsonValueKind.String => element.GetString(),
        _ => null,
    };

    private async Task SetStatusAsync(string unit, string status, string reason)
    {
        var response = await fixture.Http.PutAsJsonAsync($"/api/units/{unit}/status", new { status, reason });
        Assert.True(response.IsSuccessStatusCode, $"PUT status of {unit}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
