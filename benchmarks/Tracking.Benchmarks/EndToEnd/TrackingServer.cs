using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Testing;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The Tracking server as production runs it: its own process (the built Tracking.Server.dll, working directory its bin
/// folder), embedded broker on a free loopback port, demo mode so the load's devices register on first contact,
/// journal on the real disk under the work directory.
/// </summary>
internal sealed class TrackingServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private TrackingServer(ChildProcess process, int mqttPort, int httpPort)
    {
        _process = process;
        MqttPort = mqttPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public int MqttPort { get; }

    public int Id => _process.Id;

    public IReadOnlyList<string> ErrorLines => _process.ErrorLines;

    public string LogPath => _process.LogPath;

    public static async Task<TrackingServer> StartAsync(RepoPaths paths, string connectionString, string workDirectory, IReadOnlyDictionary<string, string> extraEnvironment)
    {
        if (!File.Exists(paths.ServerDll))
        {
            throw new InvalidOperationException($"{paths.ServerDll} not found: build the solution in this configuration first.");
        }

        var mqttPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var journal = Path.Combine(workDirectory, "journal");
        if (Directory.Exists(journal))
        {
            Directory.Delete(journal, recursive: true);
        }

        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tracking"] = connectionString,
            ["Mqtt__Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt__BindAddress"] = "127.0.0.1",
            ["Tracking__DemoMode"] = "true",
            // The load generator's devices publish as fast as the server acknowledges, without credentials (demo mode):
            // the harness measures throughput, so no device is held to a real device's message rate.
            ["Tracking__DeviceSecurity__MessagesPerSecond"] = "100000",
            ["Tracking__DeviceSecurity__Burst"] = "1000000",
            ["Tracking__Journal__Directory"] = journal,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        foreach (var (name, value) in extraEnvironment)
        {
            environment[name] = value;
        }

        var process = ChildProcess.Start(
            "dotnet",
            [paths.ServerDll, "--urls", $"http://127.0.0.1:{httpPort}"],
            Path.Combine(workDirectory, "server.log"),
            paths.ServerDirectory,
            environment);
        var server = new TrackingServer(process, mqttPort, httpPort);
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    private Task WaitReadyAsync(TimeSpan timeout) => _process.WaitReadyAsync(_http, timeout, TimeSpan.FromMilliseconds(100));

    public async Task<IngestStatsSnapshot> StatsAsync() =>
        await _http.GetFromJsonAsync<IngestStatsSnapshot>(new Uri("/api/ingest/stats", UriKind.Relative), Json)
        ?? throw new InvalidOperationException("Empty stats.");

    /// <summary>
    /// Polls the stats every 100 ms until <paramref name="stored"/> fixes are stored, or until nothing moved for
    /// <paramref name="stall"/> (then <see cref="StoreProgress.Done"/> is null: something was lost or stuck). On the way
    /// notes when <paramref name="accepted"/> fixes were durable in the journal and the largest journal → PostgreSQL
    /// backlog. 100 ms because each poll wakes threads here and in the server: on this saturated 2-core machine a
    /// 20 ms poll cost the harness 15% of a core.
    /// </summary>
    public async Task<StoreProgress> WaitStoredAsync(long stored, long accepted, TimeSpan stall, Func<bool>? loadRunning = null)
    {
        var last = await StatsAsync();
        var lastProgress = DateTime.UtcNow;
        DateTimeOffset? allAccepted = null;
        var lastCommit = DateTimeOffset.UtcNow;
        long maxBacklog = 0;
        var samples = new List<StatsSample>();
        while (true)
        {
            // The state read reflects at least the moment the request left: take that as when the count was seen.
            var asked = DateTimeOffset.UtcNow;
            var now = await StatsAsync();
            samples.Add(new StatsSample(asked, now.Messages, now.Stored + now.Duplicates));
            maxBacklog = Math.Max(maxBacklog, now.Accepted - now.Stored - now.Duplicates);
            if (allAccepted is null && now.Accepted >= accepted)
            {
                allAccepted = asked;
            }

            if (now.Stored + now.Duplicates != last.Stored + last.Duplicates)
            {
                lastCommit = asked;
            }

            if (now.Stored + now.Duplicates >= stored)
            {
                return new StoreProgress(asked, now, allAccepted, maxBacklog, samples, asked);
            }

            if (now.Stored != last.Stored || now.Messages != last.Messages || loadRunning?.Invoke() == true)
            {
                lastProgress = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastProgress > stall)
            {
                return new StoreProgress(null, now, allAccepted, maxBacklog, samples, lastCommit);
            }

            last = now;
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.StopAsync(TimeSpan.FromSeconds(20));
        await _process.DisposeAsync();
    }
}
