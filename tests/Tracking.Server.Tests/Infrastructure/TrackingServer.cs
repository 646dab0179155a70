using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tracking.Server.Api;
using Tracking.Server.Security;
using Tracking.Storage.Migrations;
using Tracking.Storage.Security;
using Tracking.Testing;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process (<see cref="WebApplicationFactory{TEntryPoint}"/>) over a real database, with its
/// embedded MQTT broker (or external-broker client) on a real loopback port and its own journal directory.
/// Disposing it fails the test if the server logged an error. Its clients (<see cref="StartAsync"/>,
/// <c>CreateClient</c>) carry the API token of <see cref="TestUser"/>, who holds every role; <see cref="ClientAsync"/>
/// gives one for other roles, <see cref="CreateAnonymousClient"/> and <see cref="CreateBrowserClient"/> none.
/// </summary>
public sealed class TrackingServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly ErrorLogCollector _errors = new();
    private readonly Lock _tokenGate = new();
    private string? _testToken;

    public TrackingServer(string connectionString, bool demoMode = false, IDictionary<string, string?>? settings = null)
    {
        MqttPort = FreePort.Next();
        OsmAndPort = FreePort.Next();
        JournalDirectory = Directory.CreateTempSubdirectory("tracking-journal-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tracking"] = connectionString,
            ["Tracking:DemoMode"] = demoMode ? "true" : "false",
            ["Tracking:Journal:Directory"] = JournalDirectory,
            ["Mqtt:Port"] = MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt:BindAddress"] = "127.0.0.1",
            ["OsmAnd:Port"] = OsmAndPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OsmAnd:BindAddress"] = "127.0.0.1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>The embedded broker's port (or, in external mode, whatever Mqtt:Port was set to).</summary>
    public int MqttPort { get; private set; }

    /// <summary>The dedicated OsmAnd listener's port (a real loopback port, unlike the in-memory main HTTP server).</summary>
    public int OsmAndPort { get; }

    public string JournalDirectory { get; }

    /// <summary>The user every default client acts as: all four roles, signed in by an API token.</summary>
    public const string TestUser = "tester";

    /// <summary>The API token of <see cref="TestUser"/> (for hub connections and anything else that is not an <see cref="HttpClient"/>).</summary>
    public string TestToken => EnsureTestToken();

    private string ConnectionString => _settings["ConnectionStrings:Tracking"]!;

    /// <summary>Set to false in a test that provokes errors on purpose.</summary>
    public bool FailOnLoggedErrors { get; set; } = true;

    public IReadOnlyCollection<string> LoggedErrors => _errors.Errors;

    /// <summary>Errors and warnings the server logged, for failure messages.</summary>
    public string LoggedProblems => string.Join('\n', _errors.Errors.Concat(_errors.Warnings));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_settings.TryGetValue("Mqtt:Port", out var port) && port is not null)
        {
            MqttPort = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(_errors));
    }

    /// <summary>Starts the host (migrations, broker) and waits until it is ready.</summary>
    public async Task<HttpClient> StartAsync()
    {
        var client = CreateClient();
        await Eventually.UntilAsync(async () => (await client.GetAsync("/health/ready")).IsSuccessStatusCode, ready => ready, "the server to be ready");
        return client;
    }

    /// <summary>A client acting as a user holding exactly <paramref name="roles"/> (none: a user with no role), by API token.</summary>
    public async Task<HttpClient> ClientAsync(params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var name = "roles-" + (roles.Length == 0 ? "none" : string.Join('-', roles.Order(StringComparer.Ordinal)));
        var token = await IssueTokenAsync(name, roles);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client without credentials.</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>
    /// A client that behaves like a browser with nobody signed in: no token, cookies kept (over https, which the
    /// Secure cookies need), redirects not followed so a test sees them.
    /// </summary>
    public HttpClient CreateBrowserClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }

    /// <summary>Creates a password user directly in the database (as <c>Tracking.Server user add</c> would); false when the name is taken.</summary>
    public async Task<bool> AddUserAsync(string name, string password, params string[] roles)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await MigrationRunner.MigrateAsync(dataSource);
        return await new UserStore(dataSource).CreateAsync(name, name, new UserPasswords().Hash(name, password), roles);
    }

    /// <summary>Creates <paramref name="user"/> with <paramref name="roles"/> if it does not exist, and issues a token for it.</summary>
    public async Task<string> IssueTokenAsync(string user, params string[] roles)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await MigrationRunner.MigrateAsync(dataSource);
        await new UserStore(dataSource).CreateAsync(user, user, null, roles);
        var issued = await new ApiTokenStore(dataSource).IssueAsync(user, "tests", DateTimeOffset.UtcNow.AddDays(1));
        return issued!.Token;
    }

    protected override void ConfigureClient(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EnsureTestToken());
    }

    private string EnsureTestToken()
    {
        lock (_tokenGate)
        {
            // Called from CreateClient, which is synchronous: the host is up (its migrations ran, or run here first).
            return _testToken ??= IssueTokenAsync(TestUser, [.. Roles.All]).GetAwaiter().GetResult();
        }
    }

    public static async Task RegisterAsync(HttpClient client, params string[] deviceIds)
    {
        ArgumentNullException.ThrowIfNull(client);
        foreach (var id in deviceIds)
        {
            (await client.PutAsJsonAsync($"/api/devices/{id}", new DeviceRegistration(null))).EnsureSuccessStatusCode();
        }

        await DeviceSecrets.SetAsync(client, deviceIds);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException("The server failed to stop. What it logged:\n" + LoggedProblems, exception);
        }

        Directory.Delete(JournalDirectory, recursive: true);
        if (FailOnLoggedErrors && _errors.Errors.Count > 0)
        {
            throw new InvalidOperationException("The server logged errors:\n" + string.Join('\n', _errors.Errors));
        }
    }
}
