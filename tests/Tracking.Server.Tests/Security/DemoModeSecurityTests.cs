using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

public sealed class DemoModeSecurityTests
{
    [Fact]
    public async Task In_demo_mode_an_anonymous_caller_is_the_demo_user_with_every_role_and_the_session_says_demo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, demoMode: true);
        using var http = await server.StartAsync();
        using var anonymous = server.CreateAnonymousClient();

        var session = await anonymous.GetFromJsonAsync<JsonElement>("/api/session");
        var register = await anonymous.PutAsJsonAsync("/api/devices/demo-open", new { name = "no credentials" });

        Assert.True(session.GetProperty("demoMode").GetBoolean());
        Assert.Equal(TrackingPrincipal.DemoUser, session.GetProperty("user").GetString());
        Assert.Equal(Roles.All, session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/")).StatusCode);
        Assert.Contains("Demo mode is on", await anonymous.GetStringAsync("/login"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_demo_mode_the_session_refuses_an_anonymous_caller()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString);
        using var http = await server.StartAsync();
        using var anonymous = server.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/session")).StatusCode);
        Assert.False((await http.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("demoMode").GetBoolean());
    }
}
