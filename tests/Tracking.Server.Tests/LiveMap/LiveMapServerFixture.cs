using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Server.LiveMap;
using Tracking.Server.Tests.Command;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Server.Tests.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// A running server over its own database whose live map is paced by a <see cref="ManualClock"/>: no frame is made
/// until a test moves the clock, so a test knows exactly what happened between two frames. Everything else (ingestion,
/// the control room) runs on real time. Shared by the tests of a class; each uses its own units, teams and places.
/// </summary>
public sealed class LiveMapServerFixture : IAsyncLifetime
{
    /// <summary>The frame interval at the default 2 frames per second.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromSeconds(0.5);

    public TestMap Map { get; } = new();

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    public TestDatabase Database { get; private set; } = null!;

    public TrackingServer Server { get; private set; } = null!;

    /// <summary>The server as started, with the manual clock in place.</summary>
    public WebApplicationFactory<Program> Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Tracking:Patrol:MapDirectory"] = Map.Directory,
        });
        Host = Server.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<TimeProvider>(LiveMapModule.ClockKey, Clock)));
        Http = Host.CreateClient();
        await Eventually.UntilAsync(async () => (await Http.GetAsync("/health/ready")).IsSuccessStatusCode, ready => ready, "the server to be ready");
    }

    public Task<MapClient> MapAsync(bool messagePack = false, bool longPolling = false) =>
        MapClient.ConnectAsync(Host.Server, Server.TestToken, messagePack, longPolling);

    /// <summary>
    /// Moves the live map's clock one frame interval at a time until <paramref name="client"/> has received, after its
    /// first <paramref name="after"/> frames, a frame that <paramref name="match"/>es. The clock moves only while no
    /// such frame has come, and the broadcaster starts its next tick at least half an interval after the last one ended,
    /// so when this returns no further frame is due until the clock moves again.
    /// </summary>
    public async Task<JsonNode> FrameAsync(MapClient client, int after, Func<JsonNode, bool> match, string what)
    {
        ArgumentNullException.ThrowIfNull(client);
        var frame = await Eventually.UntilAsync(
            () =>
            {
                var found = client.Frames.Skip(after).FirstOrDefault(match);
                if (found is null)
                {
                    Clock.Advance(FrameInterval);
                }

                return Task.FromResult(found);
            },
            found => found is not null,
            what);
        return frame!;
    }

    /// <summary>
    /// Moves the live map's clock a tenth of a frame interval, as far as its next step, and waits until the step is done:
    /// what changed before is then taken into the views, where it waits, coalesced with what comes after, for their next
    /// frame. Right after <see cref="FrameAsync"/> no view is due for an interval, so up to nine of these fall between
    /// two frames.
    /// </summary>
    public async Task StepAsync()
    {
        var before = await TicksAsync();
        Clock.Advance(FrameInterval / 10);
        await Eventually.UntilAsync(TicksAsync, ticks => ticks > before, "the live map's next step");
    }

    private async Task<long> TicksAsync() => (long)(await Http.GetFromJsonAsync<JsonObject>("/api/livemap/stats"))!["ticks"]!;

    /// <summary>
    /// Puts unit <paramref name="unit"/> (call sign <c>Call {unit}</c>, vehicle tracker <c>{unit}-veh</c>, one officer
    /// with radio <c>{unit}-ra</c>) of the given team and station on duty from an hour ago, and waits until the control
    /// room has it available.
    /// </summary>
    public async Task OnDutyAsync(string unit, string team, string station)
    {
        await ControlRoomClient.ImportAsync(Http, "officers", [new { id = unit + "-o", name = "PC " + unit, team, station }]);
        await ControlRoomClient.ImportAsync(Http, "units", [new { id = unit, callSign = "Call " + unit, type = "responseCar", station, team }]);
        await ControlRoomClient.ImportAsync(Http, "devices",
        [
            new { id = unit + "-veh", kind = "vehicleTracker", name = (string?)("FX " + unit) },
            new { id = unit + "-ra", kind = "airwaveRadio", name = (string?)null },
        ]);
        var now = DateTimeOffset.UtcNow;
        await ControlRoomClient.ImportAsync(Http, "shifts",
        [
            new
            {
                id = unit + "-shift", unit, start = now.AddHours(-1), end = now.AddHours(7), vehicle = unit + "-veh",
                crew = new[] { new { officer = unit + "-o", radio = unit + "-ra" } },
            },
        ]);
        await Eventually.UntilAsync(() => ControlRoomClient.UnitAsync(Http, unit), u => u is { OnDuty: true, Status: "available" }, $"{unit} on duty");
    }

    public Task<DeviceClient> DeviceAsync(string deviceId) => DeviceClient.ConnectAsync(Server.MqttPort, deviceId);

    /// <summary>Publishes a fix of the device at the place and time.</summary>
    public static async Task PlaceAsync(DeviceClient device, double longitude, double latitude, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(device);
        await device.PublishAsync(DeviceClient.Fix(device.DeviceId, time, lat: latitude, lon: longitude));
    }

    /// <summary>Waits until the control room has placed the unit with a fix of <paramref name="time"/> or later.</summary>
    public Task PositionedAsync(string unit, DateTimeOffset time) =>
        Eventually.UntilAsync(() => ControlRoomClient.UnitAsync(Http, unit), u => u?.Position?.Time >= time, $"{unit} placed at {time:O}");

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
        Map.Dispose();
    }
}
