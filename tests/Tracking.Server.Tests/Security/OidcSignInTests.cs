using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

/// <summary>Signing in through an OpenID Connect provider (<see cref="TestOpenIdProvider"/>), as a browser would follow the redirects.</summary>
public sealed class OidcSignInTests : IAsyncLifetime
{
    // Made in InitializeAsync and disposed in DisposeAsync (xUnit's lifetime for one test's server).
    private TestOpenIdProvider Provider { get; set; } = null!;

    private TestDatabase Database { get; set; } = null!;

    private TrackingServer Server { get; set; } = null!;

    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await TestOpenIdProvider.StartAsync();
        Database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(Database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Tracking:Security:Oidc:Authority"] = Provider.Issuer,
            ["Tracking:Security:Oidc:ClientId"] = TestOpenIdProvider.ClientId,
            ["Tracking:Security:Oidc:ClientSecret"] = TestOpenIdProvider.ClientSecret,
            ["Tracking:Security:Oidc:RoleClaim"] = "groups",
            ["Tracking:Security:Oidc:RoleMap:control-room"] = Roles.Dispatcher,
            ["Tracking:Security:Oidc:RoleMap:patrol-sergeants"] = Roles.Supervisor,
            ["Tracking:Security:Oidc:DisplayName"] = "Test Constabulary",
            // The provider serves plain http on loopback.
            ["Tracking:Security:Oidc:RequireHttpsMetadata"] = "false",
        });
        Http = await Server.StartAsync();
    }

    [Fact]
    public async Task A_user_signs_in_through_theProvider_with_roles_mapped_from_its_groups()
    {
        Provider.NextUser = ("pc-1234", ["control-room", "canteen-committee"]);
        using var browser = Server.CreateBrowserClient();

        Assert.Contains("Sign in with Test Constabulary", await browser.GetStringAsync("/login"), StringComparison.Ordinal);
        var landed = await SignInThroughProviderAsync(browser, "/reports");

        Assert.Equal("/login/continue?returnUrl=%2Freports", landed.PathAndQuery);
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal("oidc:pc-1234", session.GetProperty("user").GetString());
        Assert.Equal("Officer pc-1234", session.GetProperty("displayName").GetString());
        Assert.Equal([Roles.Dispatcher], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/live")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/reports/mileage")).StatusCode);
        var audit = await Http.GetFromJsonAsync<JsonElement>("/api/audit?action=" + AuditActions.SignIn);
        Assert.Contains(audit.GetProperty("rows").EnumerateArray(), r => r.GetProperty("subject").GetString() == "oidc:pc-1234");
    }

    [Fact]
    public async Task A_user_theProvider_gives_none_of_our_roles_is_refused_and_the_refusal_audited()
    {
        Provider.NextUser = ("cleaner-1", ["facilities"]);
        using var browser = Server.CreateBrowserClient();

        var landed = await SignInThroughProviderAsync(browser, "/");

        Assert.Equal("/login", landed.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/session")).StatusCode);
        var audit = await Http.GetFromJsonAsync<JsonElement>("/api/audit?action=" + AuditActions.SignInFailed);
        Assert.Contains(audit.GetProperty("rows").EnumerateArray(), r => r.GetProperty("subject").GetString() == "oidc:cleaner-1");
    }

    /// <summary>Follows the redirects from Tracking to the provider and back; returns where Tracking sends the browser at the end.</summary>
    private async Task<Uri> SignInThroughProviderAsync(HttpClient browser, string returnUrl)
    {
        var challenge = await browser.GetAsync("/login/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(Provider.Issuer + "/authorize?", authorize.ToString(), StringComparison.Ordinal);

        using var toProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await toProvider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);

        var callback = await browser.GetAsync(back.Headers.Location!);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return new Uri(browser.BaseAddress!, callback.Headers.Location!);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await Database.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
