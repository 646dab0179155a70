using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>Puts the benchmark's force in the server the way a force would: units, their trackers and a shift each, imported over REST.</summary>
internal static class FleetImport
{
    public static async Task ImportAsync(LiveMapServerProcess server, int units, Action<string> say)
    {
        var now = DateTimeOffset.UtcNow;
        await PostAsync(server, "units", Enumerable.Range(0, units).Select(i => new
        {
            id = BenchFleet.UnitId(i),
            callSign = string.Create(CultureInfo.InvariantCulture, $"LM {i:D5}"),
            type = "responseCar",
            station = BenchFleet.Station(i),
            team = BenchFleet.Team(i),
        }));
        await PostAsync(server, "devices", Enumerable.Range(0, units).Select(i => new
        {
            id = BenchFleet.DeviceId(i),
            kind = "vehicleTracker",
            name = string.Create(CultureInfo.InvariantCulture, $"LM{i:D5} VEH"),
        }));
        await PostAsync(server, "shifts", Enumerable.Range(0, units).Select(i => new
        {
            id = BenchFleet.UnitId(i) + "-shift",
            unit = BenchFleet.UnitId(i),
            start = now.AddHours(-1),
            end = now.AddHours(12),
            vehicle = BenchFleet.DeviceId(i),
            crew = Array.Empty<object>(),
        }));
        say($"imported {units:N0} units, trackers and shifts; waiting for the control room to put them on duty");

        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var status = await server.GetAsync("api/units/status");
            var onDuty = status.EnumerateArray().Count(u => u.GetProperty("onDuty").GetBoolean());
            if (onDuty >= units)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {onDuty} of {units} units on duty after 5 minutes; see {server.LogPath}.");
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>The fleet reports over shared connections (several units each), as a gateway would: it gets a gateway account.</summary>
    public const string GatewayAccount = "@livemap-fleet";

    /// <summary>Creates <see cref="GatewayAccount"/> and returns its secret.</summary>
    public static async Task<string> GatewaySecretAsync(LiveMapServerProcess server)
    {
        using var response = await server.Http.PostAsJsonAsync(
            new Uri("api/broker-accounts", UriKind.Relative), new { username = GatewayAccount, role = "gateway" }, LiveMapServerProcess.Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Gateway account: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }

    private static async Task PostAsync<T>(LiveMapServerProcess server, string kind, IEnumerable<T> rows)
    {
        using var response = await server.Http.PostAsJsonAsync(new Uri($"api/{kind}/import", UriKind.Relative), rows.ToList(), LiveMapServerProcess.Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Import of {kind}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
