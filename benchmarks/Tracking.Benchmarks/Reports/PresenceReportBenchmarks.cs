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
/// baseline is one plain PostGIS query over the raw fixes: for each location, the fixes within about 300 m of it (a
/// GiST index on positions, which the setup adds for it: the server keeps none), each device's consecutive ones as
/// segments (MaxGap 300 s), the inside share of each
/// segment's time summed. (Joining every segment of the week with every location instead ran for over 23 minutes
/// without finishing.) The setup checks that both find the same presence, within 1 %.
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

    [GlobalSetup(Target = nameof(Stored_stays))]
    public void Setup()
    {
        _dataSource = ReportHistory.OpenAsync(BenchmarkPostgres.ClusterConnectionString()).GetAwaiter().GetResult();
        _maps = new MapStore(_dataSource);
        _visits = new VisitStore(_dataSource);
        _reference = new ReferenceStore(_dataSource);
    }

    /// <summary>Before the baseline (which takes minutes, so only once): both must find the same presence.</summary>
    [GlobalSetup(Target = nameof(PostGIS_over_the_raw_fixes))]
    public void SetupAndCompare()
    {
        Setup();
        // The server keeps no index on a fix's position (areas go through its track chunks); a plain PostGIS design
        // would, and this query needs one, so the baseline gets it. Built once (minutes over 30 M fixes), then kept.
        using (var index = _dataSource.CreateCommand("CREATE INDEX IF NOT EXISTS baseline_fixes_position_idx ON fixes USING gist (position)"))
        {
            index.CommandTimeout = 0;
            index.ExecuteNonQuery();
        }

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
                FROM priority_locations WHERE valid_from < $2 AND (valid_to IS NULL OR valid_to >= $2))
            SELECT a.location_id, coalesce((
                SELECT sum(extract(epoch FROM least(t2, $2) - greatest(t1, $1))
                           * CASE WHEN ST_Equals(p1, p2) THEN 1 ELSE ST_Length(ST_Intersection(ST_MakeLine(p1, p2), a.g)) / ST_Length(ST_MakeLine(p1, p2)) END) / 60
                FROM (SELECT device_time AS t1, position AS p1, lead(device_time) OVER w AS t2, lead(position) OVER w AS p2
                      FROM fixes
                      WHERE position && ST_Expand(a.g, 0.004)
                        AND device_time >= $1 - interval '300 seconds' AND device_time < $2 + interval '300 seconds'
                      WINDOW w AS (PARTITION BY device_id ORDER BY device_time)) s
                WHERE t2 IS NOT NULL AND t2 - t1 <= interval '300 seconds' AND t1 < $2 AND t2 > $1
                  AND ST_Intersects(ST_MakeLine(p1, p2), a.g)), 0)
            FROM area a
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

    /// <summary>
    /// The baseline takes many minutes (it builds every segment of the week near each location): each runs once, cold,
    /// in process. The ratio is what counts; the setup has already run both once.
    /// </summary>
    private sealed class OnceEachConfig : ManualConfig
    {
        public OnceEachConfig() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true))
            .WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(1)
            .WithWarmupCount(0)
            .WithIterationCount(1));
    }
}
