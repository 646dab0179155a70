using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NetTopologySuite.Geometries;
using Npgsql;
using Tracking.Core.Geo;
using Tracking.Core.Patrol;
using Tracking.Server.Patrol;
using Tracking.Storage.Patrol;
using Tracking.Storage.Tracks;

namespace Tracking.Benchmarks.Patrol;

/// <summary>
/// Retrospective presence of one priority location (a 300 m park near the centre) over seven days
/// of 500 units at one fix per 10 s (<see cref="PatrolHistory"/>), including reading the tracks
/// from PostGIS. Goal: ≤ 2 s. Ours reads only the fixes near the park, from the track chunks that
/// come near it (<see cref="PresenceQuery"/>; the setup cuts the week into chunks first, as the
/// server does in the background); the baseline reads every fix of the week and runs the same
/// presence steps. Both must find the same stays. One operation takes seconds to a minute,
/// so the job runs in process (no rebuild) with a long timeout and few iterations.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(LongRunningConfig))]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes it in [GlobalCleanup].")]
public class RetrospectivePresenceBenchmarks
{
    private static readonly MapProjection Projection = MapProjection.BritishNationalGrid;
    private static readonly PresenceRules Rules = PresenceRules.Default;

    private NpgsqlDataSource _dataSource = null!;
    private PresenceQuery _query = null!;
    private StoredTracks _tracks = null!;
    private Geometry _park = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dataSource = PatrolHistory.OpenAsync(BenchmarkPostgres.ClusterConnectionString()).GetAwaiter().GetResult();
        var cut = new TrackChunkBuilder(_dataSource).CatchUpAsync().GetAwaiter().GetResult();
        Console.WriteLine($"// Track chunks: {cut.Fixes} fixes cut into {cut.Chunks} chunks now, built until {cut.BuiltUntil:O}");
        _tracks = new StoredTracks(_dataSource);
        _query = new PresenceQuery(_tracks);
        // 300 m × 300 m, 400 m north-east of the centre.
        var (x, y) = Projection.Project(PatrolHistory.CentreLongitude, PatrolHistory.CentreLatitude);
        _park = Projection.Unproject(Geometry.DefaultFactory.ToGeometry(new Envelope(x + 400, x + 700, y + 400, y + 700)));

        var ours = Tracks_near_the_park().GetAwaiter().GetResult();
        var everything = Every_fix_of_the_week().GetAwaiter().GetResult();
        if (ours.Count == 0 || !ours.SequenceEqual(everything))
        {
            throw new InvalidOperationException($"The two readings disagree or found nothing: {ours.Count} stays against {everything.Count}.");
        }

        Console.WriteLine($"// {ours.Count} stays ({ours.Count(s => s.IsVisit)} visits), {ours.Sum(s => s.InsideSeconds) / 3600:F1} hours of presence");
    }

    [GlobalCleanup]
    public void Cleanup() => _dataSource.Dispose();

    [Benchmark(Description = "Tracking: the fixes near the park, from the track chunks near it")]
    public async Task<List<Stay>> Tracks_near_the_park()
    {
        var stays = await _query.ComputeAsync(
            "location:PARK", [(_park, 0, DateTimeOffset.MinValue, null)], Projection, PatrolHistory.Start, PatrolHistory.End, null, Rules, default);
        return Ordered(stays);
    }

    [Benchmark(Baseline = true, Description = "Baseline: every fix of the week, same presence steps")]
    public async Task<List<Stay>> Every_fix_of_the_week()
    {
        var areas = new PresenceAreaSet([new PresenceArea("location:PARK", AreaShape.FromGeometry(Projection.Project(_park)))]);
        var presence = new StoredTrackPresence(areas, Projection, Rules, PatrolHistory.Start, PatrolHistory.End);
        await _tracks.ReadAsync(PatrolHistory.Start - Rules.MaxGap, PatrolHistory.End + Rules.MaxGap, null, presence.Add);
        var stays = presence.Finish();
        return Ordered(stays);
    }

    private static List<Stay> Ordered(List<Stay> stays) =>
        [.. stays.OrderBy(s => s.DeviceId, StringComparer.Ordinal).ThenBy(s => s.Enter)];

    private sealed class LongRunningConfig : ManualConfig
    {
        public LongRunningConfig() => AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3));
    }
}
