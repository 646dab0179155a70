using Tracking.Testing;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>One database and one running server (registration closed) shared by the tests of a class; each test uses its own device ids.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public TrackingServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(Database.ConnectionString);
        Http = await Server.StartAsync();
    }

    /// <summary>Registers the device and connects it to the embedded broker.</summary>
    public async Task<DeviceClient> DeviceAsync(string deviceId)
    {
        await TrackingServer.RegisterAsync(Http, deviceId);
        return await DeviceClient.ConnectAsync(Server.MqttPort, deviceId);
    }

    /// <summary>Waits until the device has <paramref name="count"/> fixes in PostgreSQL.</summary>
    public Task<long> StoredAsync(string deviceId, long count) =>
        Eventually.UntilAsync(() => Database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{deviceId}'"), n => n >= count, $"{count} fixes of {deviceId} in PostgreSQL");

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
    }
}
