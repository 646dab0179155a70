using Tracking.Server.Tests.Infrastructure;
using Tracking.Server.Tests.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Command;

/// <summary>
/// A running server over its own database with the test map (straight-line ETAs: it has no roads) and a
/// self-deployment dwell of 30 s.
/// </summary>
public sealed class CommandServerFixture : IAsyncLifetime
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
            ["Tracking:Command:SelfDeployDwell"] = "00:00:30",
        });
        Http = await Server.StartAsync();
    }

    /// <inheritdoc cref="ControlRoomClient.OnDutyAsync"/>
    public Task OnDutyAsync(string name, IReadOnlyDictionary<string, DateTimeOffset?>? skills = null, string type = "responseCar", TimeSpan? endsIn = null) =>
        ControlRoomClient.OnDutyAsync(Http, name, skills, type, endsIn);

    public Task<UnitState?> UnitAsync(string id) => ControlRoomClient.UnitAsync(Http, id);

    public async Task<DeviceClient> DeviceAsync(string deviceId) => await DeviceClient.ConnectAsync(Server.MqttPort, deviceId);

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
        Map.Dispose();
    }
}

/// <summary>The parts of <c>GET /api/units/{id}/status</c> the tests read.</summary>
public sealed record UnitState(string Id, string CallSign, string Type, string Status, string? Reason, string? Incident, bool OnDuty,
    string? ParentUnit, string? Officer, PositionState? Position);

/// <summary>A unit's position as the API gives it.</summary>
public sealed record PositionState(double Longitude, double Latitude, DateTimeOffset Time, string Device);
