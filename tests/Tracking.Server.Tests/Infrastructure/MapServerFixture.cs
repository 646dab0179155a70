using Tracking.Server.Tests.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>A running server whose map is <see cref="TestMap"/>, over its own database, with the settings a test class needs.</summary>
public abstract class MapServerFixture(IReadOnlyDictionary<string, string?> settings) : IAsyncLifetime
{
    public TestMap Map { get; } = new();

    public TestDatabase Database { get; private set; } = null!;

    public TrackingServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var all = new Dictionary<string, string?>(settings) { ["Tracking:Patrol:MapDirectory"] = Map.Directory };
        Server = new TrackingServer(Database.ConnectionString, settings: all);
        Http = await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
        Map.Dispose();
    }
}
