using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Ours: load generator → Tracking server (embedded broker, decode, validate, fsynced journal, PUBACK after fsync)
/// → PostgreSQL. fixes/s = fixes committed ÷ (first receipt → the stats showing the last one committed): the
/// first receipt is <c>min(received_at)</c> of the stored rows, the end is seen by polling the stats every 100 ms.
/// Zero loss means every published fix is a row in <c>fixes</c>, the server counted each once as stored, and
/// nothing was a duplicate or rejected.
/// </summary>
internal static class ServerScenario
{
    private const string Prefix = "load-";

    public static async Task<ScenarioResult> RunAsync(RunContext context, int qos)
    {
        var options = context.Options;
        var name = $"server-qos{qos}";
        var description = qos > 0 ? "Tracking server, QoS 1, PUBACK after fsync" : "Tracking server, QoS 0";
        var work = context.ScenarioDirectory(name);
        await using var database = await BenchDatabase.CreateAsync(options.PostgresConnection, name, options.KeepDatabases);
        context.Say($"{name}: starting the server on database {database.Name}");
        await using var server = await TrackingServer.StartAsync(context.Paths, database.ConnectionString, work, options.ServerEnvironment);

        if (options.WarmupFixesPerDevice > 0)
        {
            context.Say($"{name}: warm-up");
            var warm = (long)options.Devices * options.WarmupFixesPerDevice;
            await LoadProcess.RunAsync("127.0.0.1", server.MqttPort, options.Devices, options.WarmupFixesPerDevice, qos, options.Seed + 1_000_000, "warm-", Path.Combine(work, "warmup.log"));
            await server.WaitStoredAsync(warm, TimeSpan.FromSeconds(30));
        }

        var before = await server.StatsAsync();
        var postgres = new PostgresProcesses(context.PostgresDataDirectory, database.Name);
        int? loadPid = null;
        await using var meter = new CpuMeter(
        [
            CpuComponent.Single(Components.Server, server.Id),
            new CpuComponent(Components.Postgres, postgres.Find),
            new CpuComponent(Components.Load, () => loadPid is { } pid ? [pid] : []),
            CpuComponent.Single(Components.Harness, Environment.ProcessId),
        ]);
        meter.Start();
        context.Say($"{name}: {options.TotalFixes:N0} fixes from {options.Devices} connections");
        var load = LoadProcess.RunAsync("127.0.0.1", server.MqttPort, options.Devices, options.FixesPerDevice, qos, options.Seed, Prefix, Path.Combine(work, "load.log"), pid => loadPid = pid);
        var committed = server.WaitStoredAsync(before.Stored + before.Duplicates + options.TotalFixes, TimeSpan.FromSeconds(30), () => !load.IsCompleted);
        var report = await load;
        var (done, after) = await committed;
        await meter.StopAsync();

        var rows = await database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id LIKE '{Prefix}%'");
        var first = new DateTimeOffset(await database.ValueAsync<DateTime>($"SELECT min(received_at) FROM fixes WHERE device_id LIKE '{Prefix}%'"));
        var end = done ?? DateTimeOffset.UtcNow;
        var stored = after.Stored - before.Stored;
        var duplicates = after.Duplicates - before.Duplicates;
        var rejected = after.Rejected - before.Rejected;
        var messages = after.Messages - before.Messages;
        var zeroLoss = done is not null && report.Failed == 0 && rows == options.TotalFixes && stored == options.TotalFixes && duplicates == 0 && rejected == 0;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"published {report.Published:N0} ({report.Failed} failed); server received {messages:N0}, stored {stored:N0}, duplicates {duplicates}, rejected {rejected}; rows in fixes {rows:N0} of {options.TotalFixes:N0}{(done is null ? "; STALLED before all were stored" : "")}");
        var notes = new List<string>();
        if (server.ErrorLines.Count > 0)
        {
            notes.Add($"server logged {server.ErrorLines.Count} error(s), first: {server.ErrorLines[0]} (see {server.LogPath})");
        }

        return new ScenarioResult(name, description, options.TotalFixes, rows, (end - first).TotalSeconds, zeroLoss, detail, meter.Measure(first, end))
        {
            PublishRate = report.PublishRate,
            AckMedianMs = qos > 0 ? report.MedianAckMs : null,
            AckP99Ms = qos > 0 ? report.P99AckMs : null,
            CommitMedianMs = after.CommitLatencyMedianMs,
            CommitP99Ms = after.CommitLatencyP99Ms,
            Notes = notes,
        };
    }
}
