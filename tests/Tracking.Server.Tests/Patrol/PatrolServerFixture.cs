using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Patrol;

/// <summary>
/// A running server whose map is <see cref="TestMap"/>, with a short Grace and MinDwell so
/// stays close within a test, over its own database.
/// </summary>
public sealed class PatrolServerFixture : IAsyncLifetime
{
    public TestMap Map { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public TrackingServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Tracking:Patrol:MapDirectory"] = Map.Directory,
            ["Tracking:Patrol:Grace"] = "00:00:20",
            ["Tracking:Patrol:MinDwell"] = "00:00:30",
            ["Tracking:Patrol:SweepInterval"] = "00:00:01",
        });
        Http = await Server.StartAsync();
    }

    public async Task<DeviceClient> DeviceAsync(string deviceId)
    {
        await TrackingServer.RegisterAsync(Http, deviceId);
        return await DeviceClient.ConnectAsync(Server.MqttPort, deviceId);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
        Map.Dispose();
    }
}
