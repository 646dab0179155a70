using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Ours: load generator → Tracking server (embedded broker, decode, validate, fsynced journal, PUBACK after fsync)
/// → PostgreSQL. fixes/s = fixes committed ÷ (first receipt → the stats showing the last one committed): the first
/// receipt is <c>min(received_at)</c> of the stored rows, the end is seen by polling the stats every 100 ms.
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

        context.Say($"{name}: warm-up, {options.WarmupSeconds} s");
        await using var load = LoadRun.Start(options, server.MqttPort, qos, Path.Combine(work, "load.log"));
        var warm = await load.WarmedUp;
        await server.WaitStoredAsync(warm, warm, TimeSpan.FromSeconds(30));
        var before = await server.StatsAsync();

        var postgres = new PostgresProcesses(context.PostgresDataDirectory, database.Name);
        await using var meter = new CpuMeter(
        [
            CpuComponent.Single(Components.Server, server.Id),
            new CpuComponent(Components.Postgres, postgres.Find),
            CpuComponent.Single(Components.Load, load.Id),
            CpuComponent.Single(Components.Harness, Environment.ProcessId),
        ]);
        meter.Start();
        context.Say($"{name}: {options.TotalFixes:N0} fixes from {options.Devices} connections");
        load.Go();
        var committed = server.WaitStoredAsync(
            before.Stored + before.Duplicates + options.TotalFixes, before.Accepted + options.TotalFixes, TimeSpan.FromSeconds(30), () => !load.Finished.IsCompleted);
        var report = await load.Finished;
        var progress = await committed;
        await meter.StopAsync();

        var after = progress.Last;
        var rows = await database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id LIKE '{Prefix}%'");
        var first = new DateTimeOffset(await database.ValueAsync<DateTime>($"SELECT min(received_at) FROM fixes WHERE device_id LIKE '{Prefix}%'"));

        // Rows written by one transaction share its xmin: the number of drain batches, without asking the server.
        var batches = await database.ScalarAsync($"SELECT count(DISTINCT xmin::text) FROM fixes WHERE device_id LIKE '{Prefix}%'");
        // When some fixes never arrive, the window ends at the last commit, not when the wait gave up.
        var end = progress.Done ?? progress.LastCommit;
        var stored = after.Stored - before.Stored;
        var duplicates = after.Duplicates - before.Duplicates;
        var rejected = after.Rejected - before.Rejected;
        var messages = after.Messages - before.Messages;
        var zeroLoss = progress.Done is not null && report.Failed == 0 && rows == options.TotalFixes && stored == options.TotalFixes && duplicates == 0 && rejected == 0;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"published {report.Published:N0} ({report.Failed} failed); server received {messages:N0}, stored {stored:N0}, duplicates {duplicates}, rejected {rejected}; rows in fixes {rows:N0} of {options.TotalFixes:N0}{(progress.Done is null ? "; STALLED before all were stored" : "")}");
        var latency = FifoLatency.Estimate(progress.Samples, before.Messages, options.TotalFixes);
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"warm-up: {warm:N0} fixes in {options.WarmupSeconds} s, stored before the measured run"),
            string.Create(CultureInfo.InvariantCulture,
                $"from first receipt: load generator returned after {(report.Finished - first).TotalSeconds:F1} s, all durable in the journal after {(progress.AllAccepted is { } accepted ? $"{(accepted - first).TotalSeconds:F1} s" : "— (some never arrived)")}, {(progress.Done is null ? "last commit" : "all in PostgreSQL")} after {(end - first).TotalSeconds:F1} s; largest journal → PostgreSQL backlog {progress.MaxBacklog:N0} fixes"),
            string.Create(CultureInfo.InvariantCulture,
                $"the drainer committed them in {batches:N0} transactions, {(double)rows / Math.Max(1, batches):N0} fixes each on average"),
            string.Create(CultureInfo.InvariantCulture,
                $"receipt→commit from the server's stats (since its start, warm-up included): median {after.CommitLatencyMedianMs:F1} ms, p99 {after.CommitLatencyP99Ms:F1} ms; the table shows the measured run only (FIFO estimate from the counters)"),
        };
        if (rows < options.TotalFixes)
        {
            notes.Add(await DescribeMissingAsync(database, options.FixesPerDevice, options.TotalFixes - messages, messages - stored));
        }

        if (server.ErrorLines.Count > 0)
        {
            notes.Add($"server logged {server.ErrorLines.Count} error(s), first: {server.ErrorLines[0]} (see {server.LogPath})");
        }

        return new ScenarioResult(name, description, options.TotalFixes, rows, (end - first).TotalSeconds, zeroLoss, detail, meter.Measure(first, end))
        {
            PublishRate = report.PublishRate,
            AckMedianMs = qos > 0 ? report.MedianAckMs : null,
            AckP99Ms = qos > 0 ? report.P99AckMs : null,
            CommitMedianMs = latency?.MedianMs,
            CommitP99Ms = latency?.P99Ms,
            Notes = notes,
            LostBeforeServer = Math.Max(0, options.TotalFixes - messages),
        };
    }

    /// <summary>
    /// Where the missing fixes went: never received by the server, or received and not stored; and whether they are the
    /// last fixes of their device's stream (a connection cut at the end) or holes in it.
    /// </summary>
    private static async Task<string> DescribeMissingAsync(BenchDatabase database, int fixesPerDevice, long neverReceived, long receivedNotStored)
    {
        var shortDevices = await database.ScalarAsync(
            $"SELECT count(*) FROM (SELECT device_id, count(*) AS n FROM fixes WHERE device_id LIKE '{Prefix}%' GROUP BY device_id) d WHERE n < {fixesPerDevice}");
        var tailOnly = await database.ScalarAsync($"""
            SELECT count(*) FROM (
                SELECT device_id, count(*) AS n, min(device_time) AS first, max(device_time) AS last
                FROM fixes WHERE device_id LIKE '{Prefix}%' GROUP BY device_id) d
            WHERE n < {fixesPerDevice}
              AND first = (SELECT min(device_time) FROM fixes WHERE device_id LIKE '{Prefix}%')
              AND last - first = (n - 1) * interval '1 second'
            """);
        return string.Create(CultureInfo.InvariantCulture,
            $"MISSING: {neverReceived:N0} never received by the server, {receivedNotStored:N0} received but not stored; {shortDevices} devices short, of which {tailOnly} miss only the end of their stream (their connection's last messages)");
    }
}
