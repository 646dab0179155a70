using System.Globalization;
using Npgsql;
using Tracking.Benchmarks.EndToEnd;
using Tracking.Benchmarks.Patrol;
using Tracking.Core.Patrol;
using Tracking.Server.Patrol;
using Tracking.Storage.Maps;
using Tracking.Storage.Patrol;

namespace Tracking.Benchmarks.Reports;

/// <summary>
/// The week of <see cref="PatrolHistory"/> made ready for the supervisors' reports, once, in the same database: the demo
/// force map (maps/leicester) in force from a day before the week, and the stored stays of every beat and priority
/// location rebuilt from the tracks by the server's own <see cref="VisitRebuild"/> (the tracks were written straight into
/// PostGIS, so live presence never saw them).
/// </summary>
internal static class ReportHistory
{
    public static async Task<NpgsqlDataSource> OpenAsync(string clusterConnectionString)
    {
        var dataSource = await PatrolHistory.OpenAsync(clusterConnectionString);
        await using (var marker = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_reports_complete (stays int)"))
        {
            await marker.ExecuteNonQueryAsync();
        }

        await using (var complete = dataSource.CreateCommand("SELECT count(*) FROM bench_reports_complete"))
        {
            if ((long)(await complete.ExecuteScalarAsync())! > 0)
            {
                return dataSource;
            }
        }

        var maps = new MapStore(dataSource);
        var map = ForceMapLoader.Load(Path.Combine(RepoPaths.Find().Root, "maps", "leicester"));
        await maps.ImportAsync(map, new MapImportOptions(EffectiveAt: PatrolHistory.Start.AddDays(-1)));
        Console.WriteLine("// Rebuilding the week's stays from the stored tracks (once)…");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var rebuild = new VisitRebuild(new StoredTracks(dataSource), new VisitStore(dataSource), maps, TimeProvider.System);
        var result = await rebuild.RunAsync(PatrolHistory.Start, PatrolHistory.End, PresenceRules.Default, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"//   {result.StaysWritten:N0} stays of {result.Devices} devices in {result.Areas} areas from {result.Fixes:N0} fixes, {started.Elapsed.TotalMinutes:F1} min"));
        await using (var done = dataSource.CreateCommand(string.Create(CultureInfo.InvariantCulture, $"INSERT INTO bench_reports_complete VALUES ({result.StaysWritten}); ANALYZE visits")))
        {
            await done.ExecuteNonQueryAsync();
        }

        return dataSource;
    }
}
