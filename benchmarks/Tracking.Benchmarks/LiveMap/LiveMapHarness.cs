using System.Globalization;
using System.Net.Http.Json;
using Tracking.Benchmarks.EndToEnd;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// Issue 6's live-map benchmark, on this machine with everything on it: the real server in its own process, the fleet
/// (10,000 units reporting once a second) publishing through the embedded MQTT broker from a load generator process,
/// and 100 real SignalR hub clients over WebSockets in a third process. Measures CPU per process over a window after a
/// warm-up, the frames and their sizes, and fix-to-client latency (median, 99th percentile). Results:
/// benchmarks/RESULTS.md, "Live map". Not a test and not part of the test run.
/// </summary>
/// <remarks>
/// Through MQTT rather than the in-process pipeline: the latency a dispatcher sees runs from the device's publish
/// (acknowledged once durable) through the control room to the screen, and the server's CPU under this load includes
/// taking in 10,000 fixes a second; both are only honest with the real path.
/// </remarks>
internal static class LiveMapHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await FleetLoadWorker.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "clients")
        {
            return await HubClientsWorker.RunAsync(args[1..]);
        }

        var options = LiveMapBenchOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return 2;
        }

        var paths = RepoPaths.Find();
        var work = Path.GetFullPath(options.WorkDirectory ?? Path.Combine(paths.Root, ".data", "bench-livemap"));
        Directory.CreateDirectory(work);
        var pgData = options.PostgresDataDirectory ?? Path.Combine(paths.Root, ".data", "pg", "data");
        var machine = Machine();
        var command = "dotnet run -c Release --project benchmarks/Tracking.Benchmarks -- livemap " + string.Join(' ', args);
        Say($"server: {paths.ServerDll}; logs in {work}");

        await using var database = await BenchDatabase.CreateAsync(options.PostgresConnection, "livemap", options.KeepDatabase);
        Say($"starting the server on database {database.Name}");
        await using var server = await LiveMapServerProcess.StartAsync(paths, database.ConnectionString, work, options);
        Say($"server process {server.Id}");
        await FleetImport.ImportAsync(server, options.Units, Say);
        var gatewaySecret = await FleetImport.GatewaySecretAsync(server);

        Say($"connecting the fleet: {options.Units:N0} units over {options.Connections} MQTT connections");
        await using var load = new WorkerProcess<FleetLoadReport>(
            ["livemap", "load", "--port", Text(server.MqttPort), "--units", Text(options.Units), "--rate", Text(options.Rate),
             "--connections", Text(options.Connections), "--qos", Text(options.Qos), "--seed", Text(options.Seed),
             "--username", FleetImport.GatewayAccount, "--password", gatewaySecret],
            Path.Combine(work, "load.log"),
            "WINDOW");
        await load.Ready.WaitAsync(TimeSpan.FromMinutes(3));
        load.Tell("GO");

        WorkerProcess<HubClientsReport>? clients = null;
        try
        {
            if (options.Clients > 0)
            {
                Say($"connecting {options.Clients} hub clients");
                clients = new WorkerProcess<HubClientsReport>(
                    ["livemap", "clients", "--url", server.Address.ToString(), "--token", server.Token, "--clients", Text(options.Clients), "--force", Text(options.ForceClients),
                     "--teams", Text(options.TeamClients), "--stations", Text(options.StationClients), "--messagepack-share", Text(options.MessagePackShare),
                     "--seed", Text(options.Seed)],
                    Path.Combine(work, "clients.log"));
                await clients.Ready.WaitAsync(TimeSpan.FromMinutes(5));
            }

            Say($"warm-up: {options.WarmupSeconds} s of load");
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds));

            var postgres = new PostgresProcesses(pgData, database.Name);
            List<CpuComponent> components =
            [
                CpuComponent.Single(LiveMapReport.Server, server.Id),
                new CpuComponent(LiveMapReport.Postgres, postgres.Find),
                CpuComponent.Single(LiveMapReport.Load, load.Id),
                CpuComponent.Single(LiveMapReport.Harness, Environment.ProcessId),
            ];
            if (clients is not null)
            {
                components.Add(CpuComponent.Single(LiveMapReport.Clients, clients.Id));
            }

            await using var meter = new CpuMeter(components);
            var liveBefore = await server.GetAsync("api/livemap/stats");
            var commandBefore = await server.GetAsync("api/command/stats");
            var ingestBefore = await IngestAsync(server);
            meter.Start();
            var from = DateTimeOffset.UtcNow;
            load.Tell("MARK");
            clients?.Tell("GO");
            await load.Said("WINDOW").WaitAsync(TimeSpan.FromSeconds(30));
            Say($"measuring for {options.Seconds} s");
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var to = DateTimeOffset.UtcNow;
            clients?.Tell("STOP");
            load.Tell("STOP");
            var liveAfter = await server.GetAsync("api/livemap/stats");
            var commandAfter = await server.GetAsync("api/command/stats");
            var ingestAfter = await IngestAsync(server);
            await meter.StopAsync();
            var clientsReport = clients is null ? null : await clients.Report.WaitAsync(TimeSpan.FromMinutes(2));
            var loadReport = await load.Report.WaitAsync(TimeSpan.FromMinutes(2));

            var run = new LiveMapRun(options, machine, command, meter.Measure(from, to), loadReport, clientsReport,
                liveBefore, liveAfter, commandBefore, commandAfter, ingestBefore, ingestAfter, server.ErrorLines);
            var report = LiveMapReport.Write(run);
            Console.WriteLine(report);
            if (options.Output is { } output)
            {
                await File.WriteAllTextAsync(output, report);
            }

            return server.ErrorLines.Count == 0 && (clientsReport?.Disconnected ?? 0) == 0 ? 0 : 1;
        }
        finally
        {
            if (clients is not null)
            {
                await clients.DisposeAsync();
            }
        }
    }

    private static async Task<IngestStatsSnapshot> IngestAsync(LiveMapServerProcess server) =>
        await server.Http.GetFromJsonAsync<IngestStatsSnapshot>(new Uri("api/ingest/stats", UriKind.Relative), LiveMapServerProcess.Json)
        ?? IngestStatsSnapshot.Zero;

    private static List<string> Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : "unknown";
        var loadAverage = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"machine: {Environment.ProcessorCount} cores ({cpu}), .NET {Environment.Version}; load average at the start {string.Join(", ", loadAverage)} (the machine is shared: `other` is everyone else's work)"),
        ];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Say(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
