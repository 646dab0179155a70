using System.Net.Http.Json;
using System.Text.Json;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>Gives test devices their secret (<see cref="DeviceClient.SecretFor"/>) and creates service accounts, through the REST API.</summary>
public static class DeviceSecrets
{
    /// <summary>Sets each registered device's secret to <see cref="DeviceClient.SecretFor"/> its id.</summary>
    public static async Task SetAsync(HttpClient http, params IEnumerable<string> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(deviceIds);
        foreach (var id in deviceIds)
        {
            var response = await http.PutAsJsonAsync($"/api/devices/{id}/secret", new { secret = DeviceClient.SecretFor(id) });
            Assert.True(response.IsSuccessStatusCode, $"secret of {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Sets the secret of every device in an import's rows (objects with an <c>id</c>).</summary>
    public static Task SetForRowsAsync(HttpClient http, IEnumerable<object> rows) =>
        SetAsync(http, rows.Select(row => JsonSerializer.SerializeToElement(row).GetProperty("id").GetString()!));

    /// <summary>Creates a service account (<c>@…</c>, role <c>gateway</c> or <c>cad</c>) and returns its secret.</summary>
    public static async Task<string> CreateAccountAsync(HttpClient http, string username, string role)
    {
        ArgumentNullException.ThrowIfNull(http);
        var response = await http.PostAsJsonAsync("/api/broker-accounts", new { username, role });
        Assert.True(response.IsSuccessStatusCode, $"account {username}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
}
