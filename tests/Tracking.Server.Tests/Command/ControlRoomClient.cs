using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Command;

/// <summary>What the tests ask of the control room over HTTP: put a crewed unit on duty the way a force would, and read a unit.</summary>
public static class ControlRoomClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Puts unit <c>{name}</c> (a response car, vehicle tracker <c>{name}-veh</c>) on duty from an hour ago for
    /// eight hours, crewed by officers <c>{name}-a</c> (radio <c>{name}-ra</c>) and <c>{name}-b</c> (radio <c>{name}-rb</c>),
    /// <c>{name}-a</c> holding the given skills (name → expiry, null for none), unit and officers of
    /// <paramref name="team"/> at <paramref name="station"/>. With <paramref name="phones"/> each officer carries a
    /// phone as well: <c>{name}-pa</c> and <c>{name}-pb</c>.
    /// </summary>
    public static async Task OnDutyAsync(
        HttpClient http, string name, IReadOnlyDictionary<string, DateTimeOffset?>? skills = null, string type = "responseCar", TimeSpan? endsIn = null,
        string team = "West NPT", string station = "HQ", bool phones = false)
    {
        await ImportAsync(http, "officers", new object[]
        {
            new { id = name + "-a", name = "PC " + name + " A", team, station },
            new { id = name + "-b", name = "PC " + name + " B", team, station },
        });
        if (skills is { Count: > 0 })
        {
            await ImportAsync(http, "accreditations", skills.Select(s => new { officer = name + "-a", skill = s.Key, expires = s.Value }).ToArray());
        }

        await ImportAsync(http, "units", new object[] { new { id = name, callSign = "Call " + name, type, station, team } });
        await ImportAsync(http, "devices", new object[]
        {
            new { id = name + "-veh", kind = "vehicleTracker", name = "FX21 " + name },
            new { id = name + "-ra", kind = "airwaveRadio", name = (string?)null },
            new { id = name + "-rb", kind = "airwaveRadio", name = (string?)null },
        });
        if (phones)
        {
            await ImportAsync(http, "devices", new object[]
            {
                new { id = name + "-pa", kind = "phone", name = (string?)null },
                new { id = name + "-pb", kind = "phone", name = (string?)null },
            });
        }

        var now = DateTimeOffset.UtcNow;
        await ImportAsync(http, "shifts", new object[]
        {
            new
            {
                id = name + "-shift", unit = name, start = now.AddHours(-1), end = now + (endsIn ?? TimeSpan.FromHours(7)), vehicle = name + "-veh",
                crew = new[]
                {
                    new { officer = name + "-a", radio = name + "-ra", phone = phones ? name + "-pa" : null },
                    new { officer = name + "-b", radio = name + "-rb", phone = phones ? name + "-pb" : null },
                },
            },
        });
        await Eventually.UntilAsync(() => UnitAsync(http, name), u => u is { OnDuty: true, Status: "available" }, $"{name} on duty and available");
    }

    /// <summary>
    /// Puts PCSO unit <c>{name}</c> on duty on foot from an hour ago for eight hours: one officer, <c>{name}-a</c>,
    /// carrying phone <c>{name}.phone</c> and no radio, as the simulator's foot units with a phone report.
    /// </summary>
    public static async Task FootOnDutyWithPhoneAsync(HttpClient http, string name)
    {
        await ImportAsync(http, "officers", new object[] { new { id = name + "-a", name = "PCSO " + name, team = "West NPT", station = "HQ" } });
        await ImportAsync(http, "units", new object[] { new { id = name, callSign = "Call " + name, type = "pcso", station = "HQ", team = "West NPT" } });
        await ImportAsync(http, "devices", new object[] { new { id = name + ".phone", kind = "phone", name = "Phone " + name } });
        var now = DateTimeOffset.UtcNow;
        await ImportAsync(http, "shifts", new object[]
        {
            new
            {
                id = name + "-shift", unit = name, start = now.AddHours(-1), end = now.AddHours(7), vehicle = (string?)null,
                crew = new[] { new { officer = name + "-a", phone = name + ".phone" } },
            },
        });
        await Eventually.UntilAsync(() => UnitAsync(http, name), u => u is { OnDuty: true, Status: "available" }, $"{name} on duty and available");
    }

    public static async Task ImportAsync(HttpClient http, string kind, object[] rows)
    {
        var response = await http.PostAsJsonAsync($"/api/{kind}/import", rows, Json);
        Assert.True(response.IsSuccessStatusCode, $"import of {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (kind == "devices")
        {
            // Imported devices report like any other: give them the tests' secret.
            await DeviceSecrets.SetForRowsAsync(http, rows);
        }
    }

    public static async Task<UnitState?> UnitAsync(HttpClient http, string id)
    {
        var response = await http.GetAsync($"/api/units/{id}/status");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<UnitState>(Json) : null;
    }
}
