using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Api;

public sealed class ApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Track_is_a_GeoJSON_feature_collection_with_a_lon_lat_line_and_one_point_per_fix_in_time_order()
    {
        await using var device = await fixture.DeviceAsync("api-track");
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds());
        await device.PublishAsync(DeviceClient.Fix("api-track", start.AddSeconds(10), lat: 52.61, lon: -1.11, speed: 12.5));
        await device.PublishAsync(DeviceClient.Fix("api-track", start, lat: 52.60, lon: -1.10));
        await fixture.StoredAsync("api-track", 2);

        var response = await fixture.Http.GetAsync($"/api/devices/api-track/track?purpose=tests&from={Uri.EscapeDataString(start.AddMinutes(-1).ToString("O"))}&to={Uri.EscapeDataString(start.AddMinutes(1).ToString("O"))}");

        response.EnsureSuccessStatusCode();
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var features = json.RootElement.GetProperty("features");
        Assert.Equal("FeatureCollection", json.RootElement.GetProperty("type").GetString());
        Assert.Equal(3, features.GetArrayLength());
        var line = features[0].GetProperty("geometry");
        Assert.Equal("LineString", line.GetProperty("type").GetString());
        Assert.Equal("[[-1.1,52.6],[-1.11,52.61]]", line.GetProperty("coordinates").GetRawText());
        Assert.Equal(2, features[0].GetProperty("properties").GetProperty("fixes").GetInt32());
        var second = features[2];
        Assert.Equal("Point", second.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(start.AddSeconds(10), second.GetProperty("properties").GetProperty("t").GetDateTimeOffset());
        Assert.Equal(12.5, second.GetProperty("properties").GetProperty("spd").GetDouble());
        Assert.False(features[1].GetProperty("properties").TryGetProperty("spd", out _));
    }

    [Fact]
    public async Task Track_of_a_device_without_fixes_is_an_empty_line()
    {
        using var json = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/devices/api-nobody/track?purpose=tests"));

        Assert.Equal(0, json.RootElement.GetProperty("features")[0].GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/devices/bad%20id/track?purpose=tests")]
    [InlineData("/api/devices/api-x/track?purpose=tests&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")]
    public async Task Track_with_a_bad_device_id_or_range_is_a_400_with_the_reason(string url)
    {
        var response = await fixture.Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errors", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_device_returns_201_then_200_and_it_is_listed()
    {
        var first = await fixture.Http.PutAsJsonAsync("/api/devices/api-reg-1", new { name = "Alpha 1" });
        var again = await fixture.Http.PutAsJsonAsync("/api/devices/api-reg-1", new { name = "Alpha 1" });
        var refused = await fixture.Http.PutAsJsonAsync("/api/devices/bad%20id", new { name = "x" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var list = JsonDocument.Parse(await fixture.Http.GetStringAsync("/api/devices"));
        Assert.Contains(list.RootElement.EnumerateArray(), d => d.GetProperty("id").GetString() == "api-reg-1" && d.GetProperty("name").GetString() == "Alpha 1");
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync("/health/live")).StatusCode);
        Assert.Equal("Healthy", await fixture.Http.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task OpenAPI_document_describes_the_api()
    {
        using var json = JsonDocument.Parse(await fixture.Http.GetStringAsync("/openapi/v1.json"));

        var paths = json.RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/devices/{id}/track", "/api/live", "/api/ingest/stats", "/api/devices", "/api/devices/{id}" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
