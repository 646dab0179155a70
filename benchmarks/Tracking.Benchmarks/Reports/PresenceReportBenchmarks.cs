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
using Tracking.Core.Patrol;
using Tracking.Server.Reports;
using Tracking.Storage.Command;
using Tracking.Storage.Maps;
using Tracking.Storage.Patrol;

namespace Tracking.Benchmarks.Reports;

/// <summary>
/// Issue 7's first scale goal: patrol presence for every priority location over seven days of 500 units (30 M fixes,
/// <see cref="ReportHistory"/>) in at most 1 s. Ours is what <c>GET /api/reports/presence?kind=location</c> does: the map
/// as it stood, the stays stored as they closed (one row per stay), the rota, and <see cref="PresenceReport"/>. The
/// baseline is one plain PostGIS query over the raw fixes: each device's consecutive fixes as segments (MaxGap 300 s),
/// intersected with every location, the inside share of each segment's time summed per location. The setup checks that
/// both find the same presence.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OnceEachConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes it in [GlobalCleanup].")]
public class PresenceReportBenchmarks
{
    private static readonly DateTimeOffset From = PatrolHistory.Start;
    private static readonly DateTimeOffset To = PatrolHistory.End;

    private NpgsqlDataSource _dataSource = null!;
    private MapStore _maps = null!;
    private VisitStore _visits = null!;
    private ReferenceStore _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataSource = ReportHistory.OpenAsync(BenchmarkPostgres.ClusterConnectionString()).GetAwaiter().GetResult();
        _maps = new MapStore(_dataSource);
        _visits = new VisitStore(_dataSource);
        _reference = new ReferenceStore(_dataSource);

        var ours = Stored_stays().GetAwaiter().GetResult().ToDictionary(r => r.AreaId, r => r.PresenceMinutes, StringComparer.Ordinal);
        var sql = PostGIS_over_the_raw_fixes().GetAwaiter().GetResult();
        var (oursTotal, sqlTotal) = (ours.Values.Sum(), sql.Values.Sum());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// {ours.Count} locations, {ours.Count(r => r.Value > 0)} with presence: {oursTotal / 60:F1} hours (stored stays) against {sqlTotal / 60:F1} hours (PostGIS)"));
        // The report counts a stay whole in the period it began in, PostGIS each segment inside the period: only the
        // stays across the week's ends differ.
        if (oursTotal <= 0 || Math.Abs(oursTotal - sqlTotal) > 0.01 * sqlTotal)
        {
            throw new InvalidOperationException($"The two disagree by more than 1 %: {oursTotal:F0} against {sqlTotal:F0} minutes.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();

    [Benchmark(Description = "Tracking: the presence report from the stored stays")]
    public async Task<List<PresenceRow>> Stored_stays()
    {
        var map = await _maps.LoadAsync(To.AddTicks(-1)) ?? throw new InvalidOperationException("no map");
        var stays = await _visits.ListBeganAsync(From, To, AreaKeys.LocationKind);
        var rota = new DutyRota(await _reference.ListShiftsAsync(From.AddDays(-1), To));
        var units = (await _reference.ListUnitsAsync()).ToDictionary(u => u.Id, StringComparer.Ordinal);
        return PresenceReport.Build(stays, ReportData.Areas(map, AreaKeys.LocationKind), rota, units, LocalCalendar.London, From, To, PresenceGrouping.None);
    }

    [Benchmark(Baseline = true, Description = "Baseline: one PostGIS query over the raw fixes")]
    public async Task<Dictionary<string, double>> PostGIS_over_the_raw_fixes()
    {
        await using var command = _dataSource.CreateCommand(
            """
            WITH area AS (
                SELECT location_id,
                       CASE WHEN radius_m > 0 THEN ST_Transform(ST_Buffer(ST_Transform(shape, 27700), radius_m, 16), 4326) ELSE shape END AS g
                FROM priority_locations WHERE valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2)),
            seg AS (
                SELECT device_time AS t1, position AS p1, lead(device_time) OVER w AS t2, lead(position) OVER w AS p2
                FROM fixes WHERE device_time >= $1 - interval '300 seconds' AND device_time < $2 + interval '300 seconds'
                WINDOW w AS (PARTITION BY device_id ORDER BY device_time)),
            line AS (
                SELECT greatest(t1, $1) AS t1, least(t2, $2) AS t2, p1, p2, ST_MakeLine(p1, p2) AS l FROM seg
                WHERE t2 IS NOT NULL AND t2 - t1 <= interval '300 seconds' AND t1 < $2 AND t2 > $1)
            SELECT a.location_id,
                   sum(extract(epoch FROM t2 - t1) * CASE WHEN ST_Equals(p1, p2) THEN 1 ELSE ST_Length(ST_Intersection(l, a.g)) / ST_Length(l) END) / 60
            FROM line JOIN area a ON ST_Intersects(l, a.g)
            GROUP BY a.location_id
            """);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue(From.UtcDateTime);
        command.Parameters.AddWithValue(To.UtcDateTime);
        var minutes = new Dictionary<string, double>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            minutes[reader.GetString(0)] = reader.GetDouble(1);
        }

        return minutes;
    }

    /// <summary>The baseline takes minutes: each runs once to warm up and three times measured, in process.</summary>
    private sealed class OnceEachConfig : ManualConfig
    {
        public OnceEachConfig() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3));
    }
}
