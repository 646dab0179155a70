using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Tracking.Benchmarks.EndToEnd;
using Tracking.Server.Security;
using Tracking.Storage.Security;
using Tracking.Testing;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// The Tracking server as production runs it, in its own process (the built Tracking.Server.dll): embedded broker and
/// HTTP on free loopback ports, journal on the real disk under the work directory, the demo force's map, and the
/// live map at the run's frame rate. Not in demo mode, so the harness acts as a user holding every role through an
/// API token (<see cref="Token"/>), created in the database once the server has migrated it.
/// </summary>
internal sealed class LiveMapServerProcess : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ChildProcess _process;

    private LiveMapServerProcess(ChildProcess process, int mqttPort, Uri address)
    {
        _process = process;
        MqttPort = mqttPort;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public int MqttPort { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The API token the harness and its hub clients present.</summary>
    public string Token { get; private set; } = "";

    public int Id => _process.Id;

    public string LogPath => _process.LogPath;

    public IReadOnlyList<string> ErrorLines => _process.ErrorLines;

    public static async Task<LiveMapServerProcess> StartAsync(RepoPaths paths, string connectionString, string workDirectory, LiveMapBenchOptions options)
    {
        if (!File.Exists(paths.ServerDll))
        {
            throw new InvalidOperationException($"{paths.ServerDll} not found: build the benchmarks in this configuration first.");
        }

        var mqttPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var journal = Path.Combine(workDirectory, "journal");
        if (Directory.Exists(journal))
        {
            Directory.Delete(journal, recursive: true);
        }

        var map = options.Map ?? Path.Combine(paths.Root, "maps", "leicester");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tracking"] = connectionString,
            ["Mqtt__Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__BindAddress"] = "127.0.0.1",
            ["OsmAnd__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["OsmAnd__BindAddress"] = "127.0.0.1",
            ["Tracking__DemoMode"] = "false",
            ["Tracking__Journal__Directory"] = journal,
            ["Tracking__LiveMap__MaxFramesPerSecond"] = options.MaxFramesPerSecond.ToString(CultureInfo.InvariantCulture),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (name, value) in options.ServerEnvironment)
        {
            environment[name] = value;
        }

        if (map != "none")
        {
            environment["Tracking__Patrol__MapDirectory"] = Path.GetFullPath(map);
        }

        var process = ChildProcess.Start(
            "dotnet",
            [paths.ServerDll, "--urls", $"http://127.0.0.1:{httpPort}"],
            Path.Combine(workDirectory, "server.log"),
            paths.ServerDirectory,
            environment);
        var server = new LiveMapServerProcess(process, mqttPort, new Uri($"http://127.0.0.1:{httpPort}/"));
        await server.WaitReadyAsync(TimeSpan.FromMinutes(2));
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new UserStore(dataSource).CreateAsync("benchmark", "Benchmark harness", null, [.. Roles.All]);
        var issued = await new ApiTokenStore(dataSource).IssueAsync("benchmark", "live map benchmark", DateTimeOffset.UtcNow.AddDays(1));
        server.Token = issued!.Token;
        server.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token);
        return server;
    }

    private Task WaitReadyAsync(TimeSpan timeout) => _process.WaitReadyAsync(Http, timeout, TimeSpan.FromMilliseconds(200));

    public async Task<JsonElement> GetAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), Json);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.StopAsync(TimeSpan.FromSeconds(20));
        await _process.DisposeAsync();
    }
}
