using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Npgsql;
using Tracking.Benchmarks.Patrol;
using Tracking.Core.Analytics;
using Tracking.Core.Duty;
using Tracking.Core.Geo;
using Tracking.Core.Resources;
using Tracking.Server.Reports;
using Tracking.Storage.Analytics;
using Tracking.Storage.Command;
using Tracking.Storage.Patrol;

namespace Tracking.Benchmarks.Reports;

/// <summary>
/// Issue 7's third scale goal: mileage and utilisation of every vehicle for one day (Tuesday of the benchmark week:
/// 500 vehicles, 4.3 M fixes) in at most 1 s. Ours is what <c>GET /api/reports/mileage</c> does: the vehicles, the rota,
/// and each vehicle's figures for the closed day (<see cref="VehicleDays"/>), stored once measured; also measured cold
/// (the stored figures deleted before each iteration), as the first report after midnight would be if the background
/// pass had not run yet. The baseline is one plain PostGIS query over the raw fixes: the geodesic length of each
/// vehicle's consecutive fixes no more than 300 s apart (no jitter filter, no moving/idling/parked split).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MonitoringConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes it in [GlobalCleanup].")]
public class MileageReportBenchmarks
{
    private static readonly DateOnly Day = new(2026, 11, 3);

    private NpgsqlDataSource _dataSource = null!;
    private ReferenceStore _reference = null!;
    private VehicleDays _days = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataSource = ReportHistory.OpenAsync(BenchmarkPostgres.ClusterConnectionString()).GetAwaiter().GetResult();
        _reference = new ReferenceStore(_dataSource);
        _days = new VehicleDays(new VehicleDayStore(_dataSource), new StoredTracks(_dataSource), TimeProvider.System);
        var units = Enumerable.Range(0, PatrolHistory.Units).Select(i => new TrackedDevice($"unit-{i:D3}", DeviceKind.VehicleTracker, $"Car {i:D3}")).ToList();
        _reference.ImportDevicesAsync(units).GetAwaiter().GetResult();

        var ours = Stored_day_figures().GetAwaiter().GetResult();
        var sql = PostGIS_over_the_raw_fixes().GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {ours.Days.Count} vehicle days: {ours.Days.Sum(d => d.DistanceKm):N0} km driven (jitter filtered), {ours.Days.Sum(d => d.MovingHours):N0} h moving; PostGIS: {sql.Values.Sum() / 1000:N0} km over {sql.Count} vehicles"));
        if (ours.Days.Count != PatrolHistory.Units || sql.Count != PatrolHistory.Units)
        {
            throw new InvalidOperationException($"Expected a row per vehicle: {ours.Days.Count} and {sql.Count}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();

    [Benchmark(Description = "Tracking: the mileage report, the closed day's figures stored")]
    public Task<(List<MileageRow> Days, List<UnderUsedVehicle> UnderUsed)> Stored_day_figures() => ReportAsync();

    [IterationSetup(Target = nameof(Measured_from_the_fixes))]
    public void ForgetStoredFigures()
    {
        using var delete = _dataSource.CreateCommand("DELETE FROM vehicle_days WHERE day = $1");
        delete.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = Day });
        delete.ExecuteNonQuery();
    }

    [Benchmark(Description = "Tracking: the same, the day measured from its 4.3 M fixes (cold)")]
    public Task<(List<MileageRow> Days, List<UnderUsedVehicle> UnderUsed)> Measured_from_the_fixes() => ReportAsync();

    [Benchmark(Baseline = true, Description = "Baseline: one PostGIS query over the raw fixes")]
    public async Task<Dictionary<string, double>> PostGIS_over_the_raw_fixes()
    {
        await using var command = _dataSource.CreateCommand(
            """
            SELECT device_id, sum(ST_Distance(p1::geography, p2::geography)) FROM (
                SELECT device_id, device_time AS t2, position AS p2,
                       lag(device_time) OVER w AS t1, lag(position) OVER w AS p1
                FROM fixes WHERE device_time >= $1 AND device_time < $2 AND device_id = ANY($3)
                WINDOW w AS (PARTITION BY device_id ORDER BY device_time)) s
            WHERE t1 IS NOT NULL AND t2 - t1 <= interval '300 seconds'
            GROUP BY device_id
            """);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue(LocalCalendar.London.Start(Day).UtcDateTime);
        command.Parameters.AddWithValue(LocalCalendar.London.End(Day).UtcDateTime);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. (await _reference.ListDevicesAsync()).Where(d => d.Kind == DeviceKind.VehicleTracker).Select(d => d.Id)] });
        var metres = new Dictionary<string, double>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            metres[reader.GetString(0)] = reader.GetDouble(1);
        }

        return metres;
    }

    /// <summary>The report's steps for one whole local day, as the endpoint takes them.</summary>
    private async Task<(List<MileageRow> Days, List<UnderUsedVehicle> UnderUsed)> ReportAsync()
    {
        var (from, to) = (LocalCalendar.London.Start(Day), LocalCalendar.London.End(Day));
        var vehicles = (await _reference.ListDevicesAsync()).Where(d => d.Kind == DeviceKind.VehicleTracker).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var use = await _days.MeasureAsync(vehicles.Keys, Day, Day, MapProjection.BritishNationalGrid, CancellationToken.None);
        var rota = new DutyRota(await _reference.ListShiftsAsync(from.AddDays(-1), to));
        return MileageReport.Build(vehicles, use, rota.Shifts, LocalCalendar.London, from, to, 1);
    }

    /// <summary>Seconds per operation: a few measured iterations each, in process.</summary>
    private sealed class MonitoringConfig : ManualConfig
    {
        public MonitoringConfig() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5));
    }
}
