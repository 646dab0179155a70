using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

/// <summary>
/// Behind a reverse proxy the audit log records the client's address from <c>X-Forwarded-For</c>, but only when the
/// request comes from a proxy the operator named: otherwise any client could write whatever address it liked.
/// </summary>
public sealed class TrustedProxyTests
{
    private const string Client = "203.0.113.7";
    private const string Workload = "/api/reports/workload?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&purpose=";

    [Fact]
    public async Task The_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Tracking:Security:TrustedProxies:0"] = "10.1.2.3",
            ["Tracking:Security:TrustedProxies:1"] = "192.168.50.0/24",
        });
        using var http = await server.StartAsync();

        await ViewAsync(server, "10.1.2.3", "through the proxy");
        await ViewAsync(server, "192.168.50.20", "through the proxy network");
        await ViewAsync(server, "10.9.9.9", "from elsewhere");

        var rows = await AddressesByPurposeAsync(http);
        Assert.Equal(Client, rows["through the proxy"]);
        Assert.Equal(Client, rows["through the proxy network"]);
        Assert.Equal("10.9.9.9", rows["from elsewhere"]);
    }

    [Fact]
    public async Task With_no_trusted_proxy_x_forwarded_for_is_ignored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString);
        using var http = await server.StartAsync();

        await ViewAsync(server, "127.0.0.1", "loopback");

        Assert.Equal("127.0.0.1", (await AddressesByPurposeAsync(http))["loopback"]);
    }

    [Fact]
    public void A_proxy_that_is_not_an_address_or_network_is_refused_at_start()
    {
        var options = new SecurityOptions { TrustedProxies = ["10.0.0.0/8", "proxy.example"] };

        Assert.Equal(["Tracking:Security:TrustedProxies: 'proxy.example' is neither an IP address nor a network such as 10.0.0.0/8."], options.Problems());
    }

    private static async Task ViewAsync(TrackingServer server, string from, string purpose)
    {
        var context = await server.Server.SendAsync(request =>
        {
            request.Request.Method = "GET";
            request.Request.Path = "/api/reports/workload";
            request.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(Workload[Workload.IndexOf('?', StringComparison.Ordinal)..] + Uri.EscapeDataString(purpose));
            request.Request.Headers.Authorization = "Bearer " + server.TestToken;
            request.Request.Headers["X-Forwarded-For"] = Client;
            request.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });
        Assert.Equal(200, context.Response.StatusCode);
    }

    private static async Task<Dictionary<string, string?>> AddressesByPurposeAsync(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/audit?action={AuditActions.WorkloadView}&limit=100");
        return page.GetProperty("rows").EnumerateArray().ToDictionary(
            row => row.GetProperty("purpose").GetString()!,
            row => row.GetProperty("clientAddress").GetString());
    }
}
