using Microsoft.Playwright;
using Tracking.Server.Tests.Command;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Server.Security;
using Tracking.Server.Tests.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Web;

/// <summary>
/// The real server on a real loopback port with <see cref="TestMap"/> (plus <see cref="WebTestRoads"/> and <see cref="WebTestWater"/>) over its own
/// database, and one headless Chromium for the test class. The server runs in-process as
/// <see cref="TrackingServer"/> (a <see cref="Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory{TEntryPoint}"/>)
/// switched to Kestrel: a browser needs a socket, and in-process the tests keep what the factory gives the other
/// server tests — a test fails if the server logged an error, its content root is src/Tracking.Server (so it serves
/// the bundle the build wrote into wwwroot/), and no separate process is left behind.
/// </summary>
public sealed class LiveMapFixture : IAsyncLifetime
{
    /// <summary>Bounds every wait for the page: generous, it only cuts a broken run short.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The user the pages are opened as: the live map's and the reports page's roles.</summary>
    public const string BrowserUser = "browser";

    public const string BrowserPassword = "correct horse battery staple";

    private IPlaywright? _playwright;

    public TestMap Map { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public TrackingServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The page's address: the server's origin.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebTestRoads.WriteTo(Map.Directory);
        WebTestWater.WriteTo(Map.Directory);
        Database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Tracking:Patrol:MapDirectory"] = Map.Directory,
            // The stale-clock test stops the page's clock to see it turn red; a heartbeat every 2 s would restart it.
            ["Tracking:LiveMap:HeartbeatInterval"] = "00:01:00",
            // Every test's page signs in through the form from the same address, more than the default ten a minute
            // when the tests run quickly one after another.
            ["Tracking:Security:SignInAttemptsPerMinute"] = "1000",
        });
        var port = FreePort.Next();
        Server.UseKestrel(port);
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Http = await Server.StartAsync();
        await Server.AddUserAsync(BrowserUser, BrowserPassword, Roles.Dispatcher, Roles.Supervisor, Roles.Analyst);

        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Executable(),
            Headless = true,
        });
    }

    /// <summary>
    /// A fresh browser context with the live map (or the page at <paramref name="path"/>) open, every request recorded;
    /// <paramref name="beforeLoad"/> prepares the page first.
    /// </summary>
    public Task<LiveMapPage> OpenPageAsync(string testName, Func<IPage, Task>? beforeLoad = null, string path = "/") =>
        LiveMapPage.OpenAsync(Browser, BaseAddress, testName, BrowserUser, BrowserPassword, beforeLoad, path);

    /// <inheritdoc cref="ControlRoomClient.OnDutyAsync"/>
    public Task OnDutyAsync(string name, string team = "West NPT", string station = "HQ") =>
        ControlRoomClient.OnDutyAsync(Http, name, team: team, station: station);

    public Task<DeviceClient> DeviceAsync(string deviceId) => DeviceClient.ConnectAsync(Server.MqttPort, deviceId);

    /// <summary>
    /// Puts unit <paramref name="name"/> on duty (<see cref="OnDutyAsync"/>) and places it at a point by its vehicle
    /// tracker <c>{name}-veh</c>, which is returned connected (the caller disposes it).
    /// </summary>
    public async Task<DeviceClient> OnDutyAtAsync(string name, double latitude, double longitude, string team = "West NPT", string station = "HQ")
    {
        await OnDutyAsync(name, team, station);
        var vehicle = await DeviceAsync(name + "-veh");
        await PlaceUnitAsync(vehicle, name, latitude, longitude);
        return vehicle;
    }

    /// <summary>Places a unit's device at a point now and waits until the control room has the unit there.</summary>
    public async Task PlaceUnitAsync(DeviceClient device, string unit, double latitude, double longitude)
    {
        ArgumentNullException.ThrowIfNull(device);
        var time = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await device.PublishAsync(DeviceClient.Fix(device.DeviceId, time, lat: latitude, lon: longitude));
        await Eventually.UntilAsync(() => ControlRoomClient.UnitAsync(Http, unit), u => u?.Position?.Time >= time, $"{unit} placed at {time:O}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        Map.Dispose();
    }
}
