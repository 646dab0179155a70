using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Server.Tests.Command;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// A short version of the live-map benchmark's load (benchmarks/Tracking.Benchmarks/LiveMap), with no timed
/// assertion: many units reporting over MQTT while clients of several views and both protocols watch; in the end
/// every client holds every unit of its view at its last position and nothing else, no move came for a marker it did
/// not hold, and nothing was dropped.
/// </summary>
public sealed class LiveMapLoadTests(LiveMapServerFixture fixture) : IClassFixture<LiveMapServerFixture>
{
    private const int Units = 60;
    private const int FixesPerUnit = 5;
    private const double West = -1.20;
    private const double South = 52.90;

    private static string Unit(int i) => $"load-{i:D3}";

    private static string Team(int i) => i % 2 == 0 ? "Load even" : "Load odd";

    /// <summary>Unit i's position after its n-th fix: it drives north-east, the odd ones across the box's eastern edge.</summary>
    private static (double Longitude, double Latitude) Position(int i, int n) =>
        (West + (i * 0.001) + (i % 2 == 1 ? n * 0.02 : n * 0.0001), South + (n * 0.0001));

    [Fact]
    public async Task Many_units_reporting_reach_every_client_at_their_last_position_in_its_view()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, Units).ToList();
        await ControlRoomClient.ImportAsync(fixture.Http, "units", [.. ids.Select(i => (object)new { id = Unit(i), callSign = "Call " + Unit(i), type = "responseCar", station = "Load station", team = Team(i) })]);
        await ControlRoomClient.ImportAsync(fixture.Http, "devices", [.. ids.Select(i => (object)new { id = Unit(i) + "-veh", kind = "vehicleTracker", name = (string?)null })]);
        await ControlRoomClient.ImportAsync(fixture.Http, "shifts", [.. ids.Select(i => (object)new
        {
            id = Unit(i) + "-shift", unit = Unit(i), start = now.AddHours(-1), end = now.AddHours(7), vehicle = Unit(i) + "-veh", crew = Array.Empty<object>(),
        })]);
        await Eventually.UntilAsync(() => fixture.Http.GetFromJsonAsync<JsonArray>("/api/units/status"),
            units => units!.Count(u => ((string?)u!["id"])!.StartsWith("load-", StringComparison.Ordinal) && (bool)u["onDuty"]!) == Units, "the units on duty");

        // A box around where the even units stay; the odd ones leave it eastwards.
        var box = MapViews.Box(West - 0.001, South - 0.001, West + (Units * 0.001) + 0.001, South + 0.01);
        await using var force = await fixture.MapAsync();
        await using var packed = await fixture.MapAsync(messagePack: true);
        await using var inBox = await fixture.MapAsync(messagePack: true);
        await using var even = await fixture.MapAsync();
        await force.JoinAsync(MapViews.Force());
        await packed.JoinAsync(MapViews.Force());
        await inBox.JoinAsync(box);
        await even.JoinAsync(MapViews.Team("Load even"));

        // Every unit's fixes, interleaved, through one gateway connection; a frame now and then while they come.
        var gatewaySecret = await DeviceSecrets.CreateAccountAsync(fixture.Http, "@load-gateway", "gateway");
        await using var gateway = await DeviceClient.ConnectAsync(
            DeviceClient.Options(fixture.Server.MqttPort, "load-gateway", persistentSession: false, username: "@load-gateway", password: gatewaySecret), "load-gateway");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        for (var n = 0; n < FixesPerUnit; n++)
        {
            foreach (var i in ids)
            {
                var (longitude, latitude) = Position(i, n);
                var fix = DeviceClient.Fix(Unit(i) + "-veh", start.AddSeconds(n), lat: latitude, lon: longitude);
                await gateway.PublishRawAsync(NativeFixEncoder.Encode(fix), topic: TopicRouter.NativeFixTopic(fix.DeviceId));
            }

            fixture.Clock.Advance(LiveMapServerFixture.FrameInterval);
        }

        var last = start.AddSeconds(FixesPerUnit - 1);
        (MapClient Client, Func<int, bool> InView)[] clients =
        [
            (force, _ => true),
            (packed, _ => true),
            (inBox, i => i % 2 == 0),
            (even, i => i % 2 == 0),
        ];
        foreach (var (client, inView) in clients)
        {
            await Eventually.UntilAsync(
                () =>
                {
                    var markers = client.Markers();
                    var done = ids.All(i => !inView(i)
                        || (markers.TryGetValue(Unit(i), out var m) && (string?)m["time"] is { } t && DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture) == last));
                    if (!done)
                    {
                        fixture.Clock.Advance(LiveMapServerFixture.FrameInterval);
                    }

                    return Task.FromResult(done);
                },
                done => done,
                "every unit of the view at its last position");

            // Moves came only for markers the client held in full, though the odd units left the box on the way.
            Assert.Empty(client.MovesOfMarkersNotHeld());
            var held = client.Markers();
            foreach (var i in ids)
            {
                if (inView(i))
                {
                    var (longitude, latitude) = Position(i, FixesPerUnit - 1);
                    Assert.Equal(longitude, (double)held[Unit(i)]["longitude"]!, 9);
                    Assert.Equal(latitude, (double)held[Unit(i)]["latitude"]!, 9);
                }
                else
                {
                    Assert.False(held.ContainsKey(Unit(i)), $"{Unit(i)} left the view but is still held");
                }
            }
        }

        var stats = await fixture.Http.GetFromJsonAsync<JsonObject>("/api/livemap/stats");
        Assert.Equal(0, (long)stats!["sendFailures"]!);
        Assert.Equal(0, (long)stats["controlRoomEventsDropped"]!);
        var command = await fixture.Http.GetFromJsonAsync<JsonObject>("/api/command/stats");
        Assert.Equal(0, (long)command!["droppedFixes"]!);
    }
}
