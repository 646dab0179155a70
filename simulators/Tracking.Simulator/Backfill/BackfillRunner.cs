using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Npgsql;
using Spectre.Console;
using Tracking.Core.Fixes;
using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Storage.Devices;
using Tracking.Storage.Fixes;
using Tracking.Storage.Migrations;

namespace Tracking.Simulator.Backfill;

/// <summary>
/// Writes days of the simulated fleet's history straight into PostGIS, for the analytics benchmarks: applies the
/// migrations, registers the fleet's devices, then steps the <see cref="World"/> as fast as it goes (the simulated
/// dispatcher answering its incidents) while one writer stores the fixes with <see cref="FixWriter"/> (binary COPY) in
/// large batches. Simulation and writing overlap through a channel two batches deep, so neither waits long for the other.
/// A fix received late (a coverage gap's backlog) keeps its later receive time.
/// </summary>
internal sealed class BackfillRunner(BackfillOptions options, IAnsiConsole console)
{
    public async Task<BackfillResult> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        await using var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        var applied = await MigrationRunner.MigrateAsync(dataSource, cancellationToken);
        console.MarkupLine(CultureInfo.InvariantCulture, "migrations: {0}", applied.Count == 0 ? "up to date" : "applied " + string.Join(", ", applied));

        var map = WorldMap.Load(options.MapDirectory);
        var start = options.End - TimeSpan.FromDays(options.Days);
        var plan = FleetBuilder.Build(map.Map, map.Beats, new FleetOptions(options.Vehicles, options.Foot, options.Seed, start, options.End));
        var store = new DeviceStore(dataSource);
        foreach (var device in plan.Devices)
        {
            await store.RegisterAsync(device.Id, device.Name, DeviceStore.RegisteredByApi, cancellationToken);
        }

        var world = new World(map, plan, new WorldOptions { Seed = options.Seed, Incidents = options.Incidents }, start);
        var batches = Channel.CreateBounded<List<Fix>>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        long generated = 0;
        long stored = 0;
        var writer = Task.Run(async () =>
        {
            await using var fixes = new FixWriter(dataSource);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                Interlocked.Add(ref stored, await fixes.WriteAsync(batch, cancellationToken));
            }
        }, cancellationToken);

        var incidents = 0;
        try
        {
            var events = new List<WorldEvent>();
            var batch = new List<Fix>(options.BatchSize);
            var nextDay = start.AddDays(1);
            while (world.Now < options.End && !cancellationToken.IsCancellationRequested)
            {
                var target = world.Now + TimeSpan.FromMinutes(10) < options.End ? world.Now + TimeSpan.FromMinutes(10) : options.End;
                world.AdvanceTo(target, events);
                foreach (var e in events)
                {
                    if (e is PositionReport report)
                    {
                        batch.AddRange(report.Fixes);
                        if (batch.Count >= options.BatchSize)
                        {
                            generated += batch.Count;
                            await batches.Writer.WriteAsync(batch, cancellationToken);
                            batch = new List<Fix>(options.BatchSize);
                        }
                    }
                    else if (e is IncidentRaised)
                    {
                        incidents++;
                    }
                }

                events.Clear();
                if (world.Now >= nextDay || world.Now >= options.End)
                {
                    nextDay = nextDay.AddDays(1);
                    console.MarkupLine(CultureInfo.InvariantCulture, "[grey]{0:yyyy-MM-dd HH:mm}Z[/] {1} fixes generated, {2} stored, {3:F0} s", world.Now, generated + batch.Count, Interlocked.Read(ref stored), stopwatch.Elapsed.TotalSeconds);
                }
            }

            if (batch.Count > 0)
            {
                generated += batch.Count;
                await batches.Writer.WriteAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batches.Writer.TryComplete();
        }

        await writer;
        var result = new BackfillResult(generated, Interlocked.Read(ref stored), plan.Devices.Count, incidents, stopwatch.Elapsed);
        var table = new Table().Title("[bold]backfill[/]").AddColumn("").AddColumn("", c => c.RightAligned()).HideHeaders();
        table.AddRow("period", Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{start:yyyy-MM-dd HH:mm}Z – {options.End:yyyy-MM-dd HH:mm}Z")));
        table.AddRow("units / devices", string.Create(CultureInfo.InvariantCulture, $"{plan.Units.Count} / {plan.Devices.Count}"));
        table.AddRow("fixes generated", result.Generated.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("fixes stored", result.Stored.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("incidents answered", result.Incidents.ToString(CultureInfo.InvariantCulture));
        table.AddRow("rate", string.Create(CultureInfo.InvariantCulture, $"{result.FixesPerSecond:N0} fixes/s over {result.Elapsed.TotalSeconds:F1} s"));
        console.Write(table);
        return result;
    }
}
