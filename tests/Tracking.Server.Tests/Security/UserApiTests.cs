using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;

namespace Tracking.Server.Tests.Security;

public sealed class UserApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task An_administrator_creates_a_user_changes_their_roles_resets_their_password_and_every_change_is_audited()
    {
        var created = await fixture.Http.PostAsJsonAsync("/api/users", new { name = "api-user", displayName = "Sgt Api", roles = new[] { Roles.Analyst }, password = "first password here" });
        var taken = await fixture.Http.PostAsJsonAsync("/api/users", new { name = "api-user", roles = new[] { Roles.Analyst } });
        var changed = await fixture.Http.PatchAsJsonAsync("/api/users/api-user", new { roles = new[] { Roles.Supervisor, Roles.Analyst } });
        var reset = await fixture.Http.PostAsJsonAsync("/api/users/api-user/password", new { password = "second password here" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var user = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([Roles.Supervisor, Roles.Analyst], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("Sgt Api", user.GetProperty("displayName").GetString());
        Assert.False(user.TryGetProperty("passwordHash", out _));
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var browser = fixture.Server.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInForm.PostAsync(browser, "api-user", "first password here")).StatusCode);
        var session = await SignInForm.SignInAsync(browser, "api-user", "second password here");
        Assert.Contains(Roles.Supervisor, session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var audit = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/audit?subject=api-user&user=" + TrackingServer.TestUser);
        Assert.Equal([AuditActions.UserPassword, AuditActions.UserChange, AuditActions.UserCreate], audit.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("""{"name": "bad name!", "roles": ["analyst"]}""")]
    [InlineData("""{"name": "api-bad-role", "roles": ["root"]}""")]
    [InlineData("""{"name": "api-short", "roles": ["analyst"], "password": "short"}""")]
    [InlineData("""{"name": "api-no-roles"}""")]
    public async Task A_bad_user_is_refused_with_the_reason(string body)
    {
        var response = await fixture.Http.PostAsync("/api/users", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errors", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_shown_once_works_as_its_user_and_stops_when_revoked()
    {
        (await fixture.Http.PostAsJsonAsync("/api/users", new { name = "api-cad", roles = new[] { Roles.Dispatcher } })).EnsureSuccessStatusCode();

        var issued = await (await fixture.Http.PostAsJsonAsync("/api/users/api-cad/tokens", new { name = "CAD integration" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString();
        using var cad = fixture.Server.CreateAnonymousClient();
        cad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var asCad = await cad.GetAsync("/api/incidents");
        var adminOnly = await cad.GetAsync("/api/users");
        var listed = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/users/api-cad/tokens");
        var revoked = await fixture.Http.DeleteAsync($"/api/users/api-cad/tokens/{issued.GetProperty("id").GetGuid()}");
        var afterRevoke = await cad.GetAsync("/api/incidents");

        Assert.Equal(HttpStatusCode.OK, asCad.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, adminOnly.StatusCode);
        var stored = Assert.Single(listed.EnumerateArray());
        Assert.Equal("CAD integration", stored.GetProperty("name").GetString());
        Assert.False(stored.TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Contains("Bearer", afterRevoke.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        var audit = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/audit?subject=api-cad");
        Assert.Equal([AuditActions.TokenRevoke, AuditActions.TokenIssue, AuditActions.UserCreate], audit.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
    }
}
