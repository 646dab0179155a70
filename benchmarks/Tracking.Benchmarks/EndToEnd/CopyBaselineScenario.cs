using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Tracking.Core.Fixes;
using Tracking.Storage.Fixes;
using Tracking.Storage.Migrations;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Baselines of the database side, the same number of rows as the load scenarios, written from this process in
/// batches of <see cref="E2eOptions.CopyBatch"/> rows, each batch its own transaction (one WAL flush per batch, as
/// the drainer does):
/// <list type="bullet">
/// <item><c>copy-plain</c>: bare binary COPY into a plain table with the columns of <c>fixes</c>, no key, no index:
/// the most PostgreSQL can take here.</item>
/// <item><c>copy-pk</c>, <c>copy-indexed</c>: the same into a table with the primary key of <c>fixes</c> (device,
/// device time), then also its GiST index on position: what each index costs.</item>
/// <item><c>copy-fixwriter</c>: our <see cref="FixWriter"/> into the real partitioned <c>fixes</c> (COPY into a
/// staging table, then INSERT … ON CONFLICT DO NOTHING): the drainer's ceiling without the server around it.</item>
/// </list>
/// The point is sent as EWKB (little-endian, SRID 4326): binary COPY hands it to PostGIS's geometry_recv as is.
/// </summary>
internal static class CopyBaselineScenario
{
    private const string Prefix = "copy-";
    private const int WarmupSeconds = 5;

    public static async Task<ScenarioResult> RunAsync(RunContext context, string variant)
    {
        var options = context.Options;
        var description = variant switch
        {
            "copy-plain" => "bare binary COPY, plain table (baseline)",
            "copy-pk" => "binary COPY, table with PK",
            "copy-indexed" => "binary COPY, table with PK + GiST",
            _ => "our FixWriter → fixes (staging COPY + INSERT ON CONFLICT)",
        };
        await using var database = await BenchDatabase.CreateAsync(options.PostgresConnection, variant, options.KeepDatabases);
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await MigrationRunner.MigrateAsync(dataSource);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await FixPartitions.EnsureRangeAsync(dataSource, today.AddDays(-1), today.AddDays(1));
        var table = variant == "copy-fixwriter" ? "fixes" : "copy_target";
        if (variant != "copy-fixwriter")
        {
            var keys = variant is "copy-pk" or "copy-indexed" ? ", PRIMARY KEY (device_id, device_time)" : "";
            await using var create = dataSource.CreateCommand($"""
                CREATE TABLE copy_target (
                    device_id text NOT NULL, device_time timestamptz NOT NULL, received_at timestamptz NOT NULL,
                    position geometry(Point, 4326) NOT NULL, speed real, heading real, accuracy real, altitude real,
                    source smallint NOT NULL{keys})
                """);
            await create.ExecuteNonQueryAsync();
            if (variant == "copy-indexed")
            {
                await using var index = dataSource.CreateCommand("CREATE INDEX ON copy_target USING gist (position)");
                await index.ExecuteNonQueryAsync();
            }
        }

        var rows = CopyRows.Generate(Prefix, options.Devices, options.FixesPerDevice, options.Seed);
        await using var writer = new FixWriter(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync();
        Func<ArraySegment<Fix>, Task> write = variant == "copy-fixwriter"
            ? batch => writer.WriteAsync(batch)
            : batch => CopyAsync(connection, batch);

        // Warm-up, batches of other devices (not counted) for a few seconds: JIT of the client, the connection, caches.
        var clock = Stopwatch.StartNew();
        for (var round = 0; round == 0 || clock.Elapsed < TimeSpan.FromSeconds(Math.Min(WarmupSeconds, options.WarmupSeconds)); round++)
        {
            await write(CopyRows.Generate($"warm{round}-", options.Devices, Math.Max(1, options.CopyBatch / options.Devices), options.Seed + 1_000_000 + round));
        }

        var postgres = new PostgresProcesses(context.PostgresDataDirectory, database.Name);
        await using var meter = new CpuMeter(
        [
            new CpuComponent(Components.Postgres, postgres.Find),
            CpuComponent.Single(Components.Harness, Environment.ProcessId),
        ]);
        meter.Start();
        context.Say($"{variant}: {rows.Length:N0} rows in batches of {options.CopyBatch:N0}");
        var from = DateTimeOffset.UtcNow;
        for (var offset = 0; offset < rows.Length; offset += options.CopyBatch)
        {
            await write(new ArraySegment<Fix>(rows, offset, Math.Min(options.CopyBatch, rows.Length - offset)));
        }

        var to = DateTimeOffset.UtcNow;
        await meter.StopAsync();

        var stored = await database.ScalarAsync($"SELECT count(*) FROM {table} WHERE device_id LIKE '{Prefix}%'");
        var detail = string.Create(CultureInfo.InvariantCulture, $"{stored:N0} rows of {rows.Length:N0} in {table}");
        return new ScenarioResult(variant, description, rows.Length, stored, (to - from).TotalSeconds, stored == rows.Length, detail, meter.Measure(from, to))
        {
            Notes = ["harness = the COPY client (Npgsql in this process)"],
        };
    }

    private static async Task CopyAsync(NpgsqlConnection connection, ArraySegment<Fix> batch)
    {
        var point = new byte[EwkbPoint.Length];
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY copy_target (device_id, device_time, received_at, position, speed, heading, accuracy, altitude, source) FROM STDIN (FORMAT BINARY)");
        foreach (var fix in batch)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(fix.DeviceId, NpgsqlDbType.Text);
            await importer.WriteAsync(fix.DeviceTime, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(fix.ReceivedAt, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(EwkbPoint.Write(point, fix.Longitude, fix.Latitude), NpgsqlDbType.Bytea);
            await WriteRealAsync(importer, fix.Speed);
            await WriteRealAsync(importer, fix.Heading);
            await WriteRealAsync(importer, fix.Accuracy);
            await WriteRealAsync(importer, fix.Altitude);
            await importer.WriteAsync((short)fix.Source, NpgsqlDbType.Smallint);
        }

        await importer.CompleteAsync();
    }

    private static Task WriteRealAsync(NpgsqlBinaryImporter importer, double? value) =>
        value is { } v ? importer.WriteAsync((float)v, NpgsqlDbType.Real) : importer.WriteNullAsync();
}
