using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Tracking.Server.Api;
using Tracking.Testing;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>
/// The real server in-process (<see cref="WebApplicationFactory{TEntryPoint}"/>) over a real database, with its
/// embedded MQTT broker (or external-broker client) on a real loopback port and its own journal directory.
/// Disposing it fails the test if the server logged an error.
/// </summary>
public sealed class TrackingServer : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly ErrorLogCollector _errors = new();

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
