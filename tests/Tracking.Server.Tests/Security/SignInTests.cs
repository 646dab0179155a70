using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

public sealed class SignInTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task The_right_password_starts_a_session_in_an_HttpOnly_Secure_SameSite_Strict_cookie_and_sign_out_ends_it()
    {
        await fixture.Server.AddUserAsync("signin-right", Password, Roles.Dispatcher, Roles.Supervisor);
        using var browser = fixture.Server.CreateBrowserClient();

        var response = await SignInForm.PostAsync(browser, "signin-right", Password, "/reports?report=replay");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/reports?report=replay", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("tracking-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("signin-right", session.GetProperty("user").GetString());
        Assert.Equal([Roles.Dispatcher, Roles.Supervisor], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(session.GetProperty("demoMode").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/live")).StatusCode);

        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/logout");
        signOut.Headers.Add(SecurityModule.AntiforgeryHeader, session.GetProperty("antiforgeryToken").GetString());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/live")).StatusCode);
        Assert.Contains(await AuditAsync("signin-right"), r => r.Action == AuditActions.SignIn);
        Assert.Contains(await AuditAsync("signin-right"), r => r.Action == AuditActions.SignOut);
    }

    [Theory]
    [InlineData("signin-wrong", "not the password at all")]
    [InlineData("signin-nobody", Password)]
    public async Task A_wrong_password_or_an_unknown_user_is_refused_and_audited(string userName, string password)
    {
        await fixture.Server.AddUserAsync("signin-wrong", Password, Roles.Analyst);
        using var browser = fixture.Server.CreateBrowserClient();

        var response = await SignInForm.PostAsync(browser, userName, password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("tracking-session=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
        var failed = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/audit?action={AuditActions.SignInFailed}&subject={userName}");
        Assert.NotEmpty(failed.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task A_disabled_user_is_refused_with_the_right_password_and_their_token_stops_working()
    {
        await fixture.Server.AddUserAsync("signin-disabled", Password, Roles.Dispatcher);
        using var tokenClient = await fixture.Server.ClientAsync(Roles.Dispatcher);
        Assert.Equal(HttpStatusCode.OK, (await tokenClient.GetAsync("/api/live")).StatusCode);

        (await fixture.Http.PatchAsJsonAsync("/api/users/signin-disabled", new { disabled = true })).EnsureSuccessStatusCode();
        (await fixture.Http.PatchAsJsonAsync("/api/users/roles-dispatcher", new { disabled = true })).EnsureSuccessStatusCode();
        using var browser = fixture.Server.CreateBrowserClient();
        var response = await SignInForm.PostAsync(browser, "signin-disabled", Password);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tokenClient.GetAsync("/api/live")).StatusCode);
        (await fixture.Http.PatchAsJsonAsync("/api/users/roles-dispatcher", new { disabled = false })).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_sign_in_form_without_its_antiforgery_token_is_refused()
    {
        await fixture.Server.AddUserAsync("signin-forged", Password, Roles.Analyst);
        using var browser = fixture.Server.CreateBrowserClient();

        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = "signin-forged",
            ["password"] = Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_authenticated_POST_needs_the_antiforgery_header_and_a_token_authenticated_one_does_not()
    {
        await fixture.Server.AddUserAsync("signin-csrf", Password, Roles.Administrator);
        using var browser = fixture.Server.CreateBrowserClient();
        var session = await SignInForm.SignInAsync(browser, "signin-csrf", Password);

        var forged = await browser.PostAsJsonAsync("/api/users", new { name = "csrf-victim", roles = new[] { Roles.Administrator } });
        using var genuine = new HttpRequestMessage(HttpMethod.Post, "/api/users") { Content = JsonContent.Create(new { name = "csrf-made", roles = new[] { Roles.Analyst } }) };
        genuine.Headers.Add(session.GetProperty("antiforgeryHeader").GetString()!, session.GetProperty("antiforgeryToken").GetString());
        var accepted = await browser.SendAsync(genuine);
        var byToken = await fixture.Http.PostAsJsonAsync("/api/users", new { name = "csrf-token-made", roles = new[] { Roles.Analyst } });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("antiforgery", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byToken.StatusCode);
        var users = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/users");
        Assert.DoesNotContain(users.EnumerateArray(), u => u.GetProperty("name").GetString() == "csrf-victim");
    }

    [Fact]
    public async Task A_page_sends_an_anonymous_visitor_to_sign_in_and_shows_a_user_without_its_role_that_they_are_not_allowed()
    {
        await fixture.Server.AddUserAsync("signin-analyst", Password, Roles.Analyst);
        using var browser = fixture.Server.CreateBrowserClient();

        var anonymous = await browser.GetAsync("/reports?report=demand");
        await SignInForm.SignInAsync(browser, "signin-analyst", Password);
        var livemap = await browser.GetAsync("/");
        var reports = await browser.GetAsync("/reports");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal("/login?returnUrl=%2Freports%3Freport%3Ddemand", anonymous.Headers.Location?.PathAndQuery);
        Assert.Equal(HttpStatusCode.Forbidden, livemap.StatusCode);
        Assert.Contains("Not allowed", await livemap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reports.StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_API_answers_are_never_cached()
    {
        using var anonymous = fixture.Server.CreateBrowserClient();
        foreach (var response in new[] { await fixture.Http.GetAsync("/api/live"), await anonymous.GetAsync("/login"), await anonymous.GetAsync("/api/live"), await fixture.Http.GetAsync("/") })
        {
            var path = response.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
            Assert.Equal("DENY", Header(response, "X-Frame-Options"));
            Assert.Equal(SecurityHeaders.PermissionsPolicy, Header(response, "Permissions-Policy"));
            if (path.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.True(response.Headers.CacheControl?.NoStore, path);
            }
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    private async Task<List<(string Action, string? Subject)>> AuditAsync(string user)
    {
        var page = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/audit?user={user}");
        return [.. page.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("action").GetString()!, r.GetProperty("subject").GetString()))];
    }
}
