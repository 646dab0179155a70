using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Server.Tests.Patrol;
using Tracking.Testing;

namespace Tracking.Server.Tests.Command;

/// <summary>
/// A running server over its own database with the test map (straight-line ETAs: it has no roads) and a
/// self-deployment dwell of 30 s, plus helpers that put a crewed unit on duty the way a force would: by
/// importing officers, accreditations, units, devices and a shift.
/// </summary>
public sealed class CommandServerFixture : IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

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

    /// <summary>
    /// Puts unit <c>{name}</c> (a response car, vehicle tracker <c>{name}-veh</c>) on duty from an hour ago for
    /// eight hours, crewed by officers <c>{name}-a</c> (radio <c>{name}-ra</c>) and <c>{name}-b</c> (radio <c>{name}-rb</c>),
    /// <c>{name}-a</c> holding the given skills (name → expiry, null for none).
    /// </summary>
    public async Task OnDutyAsync(string name, IReadOnlyDictionary<string, DateTimeOffset?>? skills = null, string type = "responseCar", TimeSpan? endsIn = null)
    {
        await ImportAsync("officers", new object[]
        {
            new { id = name + "-a", name = "PC " + name + " A", team = "West NPT", station = "HQ" },
            new { id = name + "-b", name = "PC " + name + " B", team = "West NPT", station = "HQ" },
        });
        if (skills is { Count: > 0 })
        {
            await ImportAsync("accreditations", skills.Select(s => new { officer = name + "-a", skill = s.Key, expires = s.Value }).ToArray());
        }

        await ImportAsync("units", new object[] { new { id = name, callSign = "Call " + name, type, station = "HQ", team = "West NPT" } });
        await ImportAsync("devices", new object[]
        {
            new { id = name + "-veh", kind = "vehicleTracker", name = "FX21 " + name },
            new { id = name + "-ra", kind = "airwaveRadio", name = (string?)null },
            new { id = name + "-rb", kind = "airwaveRadio", name = (string?)null },
        });
        var now = DateTimeOffset.UtcNow;
        await ImportAsync("shifts", new object[]
        {
            new
            {
                id = name + "-shift", unit = name, start = now.AddHours(-1), end = now + (endsIn ?? TimeSpan.FromHours(7)), vehicle = name + "-veh",
                crew = new[] { new { officer = name + "-a", radio = name + "-ra" }, new { officer = name + "-b", radio = name + "-rb" } },
            },
        });
        await Eventually.UntilAsync(() => UnitAsync(name), u => u is { OnDuty: true, Status: "available" }, $"{name} on duty and available");
    }

    public async Task ImportAsync(string kind, object[] rows)
    {
        var response = await Http.PostAsJsonAsync($"/api/{kind}/import", rows, Json);
        Assert.True(response.IsSuccessStatusCode, $"import of {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<UnitState?> UnitAsync(string id)
    {
        var response = await Http.GetAsync($"/api/units/{id}/status");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<UnitState>(Json) : null;
    }

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
