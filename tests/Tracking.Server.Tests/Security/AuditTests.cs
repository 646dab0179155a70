using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Tracking.Server.Tests.Patrol;

namespace Tracking.Server.Tests.Security;

/// <summary>Every view of someone's movements or per-person figures leaves an audit row first, with its stated purpose.</summary>
public sealed class AuditTests(PatrolServerFixture fixture) : IClassFixture<PatrolServerFixture>
{
    private const string Period = "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z";

    public static TheoryData<string, string, string?> AuditedViews => new()
    {
        { $"/api/devices/audit-veh/track?{Period}", AuditActions.TrackView, "audit-veh" },
        { $"/api/reports/replay?device=audit-veh&{Period}", AuditActions.ReplayView, "audit-veh" },
        { $"/api/reports/replay?unit=AUDIT-1&{Period}&format=gpx", AuditActions.ReplayView, "AUDIT-1" },
        { $"/api/reports/workload?{Period}", AuditActions.WorkloadView, null },
        { $"/api/reports/workload?{Period}&format=csv&part=shifts", AuditActions.WorkloadView, null },
    };

    [Theory]
    [MemberData(nameof(AuditedViews))]
    public async Task A_view_of_someones_movements_is_recorded_with_who_what_whom_why_and_the_request(string path, string action, string? subject)
    {
        var purpose = "review of complaint " + Guid.NewGuid().ToString("N")[..8];
        using var supervisor = await fixture.Server.ClientAsync(Roles.Supervisor);

        var response = await supervisor.GetAsync(path + "&purpose=" + Uri.EscapeDataString(purpose));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = Assert.Single(await RowsAsync($"action={action}"), r => r.GetProperty("purpose").GetString() == purpose);
        Assert.Equal("roles-supervisor", row.GetProperty("userName").GetString());
        Assert.Equal(subject, row.GetProperty("subject").GetString());
        Assert.Equal(new Uri("http://x" + path).AbsolutePath, row.GetProperty("path").GetString());
        Assert.Contains("purpose=", row.GetProperty("query").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.UtcNow - row.GetProperty("at").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Retrospective_presence_per_device_is_recorded_too()
    {
        var response = await fixture.Http.PostAsJsonAsync("/api/presence?purpose=patrol%20plan%20check", new { locationId = "PARK", from = "2026-11-01T00:00:00Z", to = "2026-11-02T00:00:00Z" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(await RowsAsync($"action={AuditActions.PresenceView}"), r => r.GetProperty("purpose").GetString() == "patrol plan check");
    }

    [Theory]
    [InlineData("")]
    [InlineData("&purpose=")]
    [InlineData("&purpose=%20%20")]
    public async Task Without_a_purpose_nothing_is_shown_and_the_answer_names_it(string purpose)
    {
        var before = (await RowsAsync("action=" + AuditActions.TrackView)).Count;

        var response = await fixture.Http.GetAsync($"/api/devices/audit-veh/track?{Period}{purpose}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"errors\":[\"purpose:", body, StringComparison.Ordinal);
        Assert.DoesNotContain("FeatureCollection", body, StringComparison.Ordinal);
        Assert.Equal(before, (await RowsAsync("action=" + AuditActions.TrackView)).Count);
    }

    [Fact]
    public async Task A_purpose_longer_than_500_characters_is_refused()
    {
        var response = await fixture.Http.GetAsync($"/api/devices/audit-veh/track?{Period}&purpose={new string('x', 501)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Every_audited_endpoint_requires_a_purpose()
    {
        var audited = fixture.Server.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<AuditedView>() is not null)
            .Select(e => ((Microsoft.AspNetCore.Routing.RouteEndpoint)e).RoutePattern.RawText)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(["/api/devices/{id}/track", "/api/presence", "/api/reports/replay", "/api/reports/workload"], audited);
    }

    [Fact]
    public async Task The_audit_log_is_for_administrators_as_JSON_or_CSV_paged_newest_first()
    {
        for (var i = 0; i < 3; i++)
        {
            (await fixture.Http.GetAsync($"/api/devices/audit-page/track?{Period}&purpose=page%20{i}")).EnsureSuccessStatusCode();
        }

        using var supervisor = await fixture.Server.ClientAsync(Roles.Supervisor);
        var first = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/audit?subject=audit-page&limit=2");
        var second = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/audit?subject=audit-page&limit=2&offset={first.GetProperty("next").GetInt32()}");
        var csv = await fixture.Http.GetAsync("/api/audit?subject=audit-page&format=csv");

        Assert.Equal(["page 2", "page 1"], first.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("purpose").GetString()));
        Assert.Equal(["page 0"], second.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("purpose").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,at,user,action,subject,purpose,path,query,clientAddress", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/audit")).StatusCode);
    }

    private async Task<List<JsonElement>> RowsAsync(string query)
    {
        var page = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/audit?{query}&limit=1000");
        return [.. page.GetProperty("rows").EnumerateArray()];
    }
}
