using NetTopologySuite.Geometries;
using Tracking.Core.Fixes;
using Tracking.Core.Geo;
using Tracking.Core.Patrol;
using Tracking.Storage.Fixes;
using Tracking.Storage.Patrol;
using Tracking.Storage.Tracks;

namespace Tracking.Storage.Tests.Patrol;

/// <summary>
/// Reading only the fixes near an area (from the track chunks, from the days not cut yet, and from the days a late fix
/// changed since they were cut) gives exactly the presence that reading every fix gives.
/// </summary>
public sealed class StoredTracksTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly MapProjection Projection = MapProjection.BritishNationalGrid;

    public static TheoryData<string> Periods() => ["across local midnight", "up to now"];

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Presence_from_the_fixes_near_an_area_equals_presence_from_every_fix_before_and_after_cutting_and_late_fixes(string period)
    {
        // Four hours of six devices; a fifth of the fixes arrive after the others have been cut into chunks.
        var start = period == "up to now"
            ? DateTimeOffset.UtcNow.AddHours(-4).AddTicks(-(DateTimeOffset.UtcNow.Ticks % TimeSpan.TicksPerSecond))
            : new DateTimeOffset(2026, 11, 14, 22, 0, 0, TimeSpan.Zero);
        var random = new Random(period.Length);
        var devices = Enumerable.Range(0, 6).Select(i => $"near-{period.Length}-{i}").ToArray();
        var fixes = devices.SelectMany(device => RandomTrack(device, start, random)).ToList();
        var late = fixes.Where(_ => random.NextDouble() < 0.2).ToHashSet();
        await WriteAsync(fixes.Where(f => !late.Contains(f)));
        var builder = new TrackChunkBuilder(fixture.Database.DataSource);
        var cut = await builder.CatchUpAsync();
        Assert.True(cut.Chunks > 0, "nothing was cut");

        var compared = await CompareAsync(devices, start, random);
        await WriteAsync(late);
        compared += await CompareAsync(devices, start, random);
        var recut = await builder.CatchUpAsync();
        Assert.True(recut.RecutDays > 0, "the late fixes' days were not cut again");
        compared += await CompareAsync(devices, start, random);

        Assert.True(compared > 60, $"only {compared} stays compared: the random areas missed the tracks");
    }

    [Fact]
    public async Task A_segment_that_crosses_the_area_between_two_fixes_kilometres_away_is_read()
    {
        // Two fixes 20 s apart, both 4 km from a 100 m square they cross, cut into two chunks.
        var before = new DateTimeOffset(2026, 11, 16, 10, 9, 50, TimeSpan.Zero);
        await WriteAsync([Fix("crosser", before, 52.63, -1.19), Fix("crosser", before.AddSeconds(20), 52.63, -1.07)]);
        await new TrackChunkBuilder(fixture.Database.DataSource).CatchUpAsync();

        var area = Geometry.DefaultFactory.ToGeometry(new Envelope(-1.1307, -1.1293, 52.6295, 52.6305));
        var areas = new PresenceAreaSet([new PresenceArea("square", AreaShape.FromGeometry(Projection.Project(area)))]);
        var near = area.EnvelopeInternal.Copy();
        near.ExpandBy(0.002);
        var tracks = new StoredTracks(fixture.Database.DataSource);
        string[] devices = ["crosser"];

        var everything = await EveryFixAsync(tracks, areas, PresenceRules.Default, before.AddHours(-1), before.AddHours(1), devices);
        var nearOnly = await NearFixesAsync(tracks, near, areas, PresenceRules.Default, before.AddHours(-1), before.AddHours(1), devices);

        Assert.Equal(2, await fixture.Database.ScalarAsync("SELECT count(*) FROM track_chunks WHERE device_id = 'crosser'"));
        Assert.Single(everything);
        Assert.Equal(everything, nearOnly);
    }

    private async Task<int> CompareAsync(string[] devices, DateTimeOffset start, Random random)
    {
        var tracks = new StoredTracks(fixture.Database.DataSource);
        var rules = new PresenceRules(TrackChunks.LongestSegment, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        var compared = 0;
        for (var i = 0; i < 12; i++)
        {
            // Squares of 50 m to 1.5 km around the city, and periods that cut tracks at either end.
            var west = -1.16 + (random.NextDouble() * 0.05);
            var south = 52.62 + (random.NextDouble() * 0.03);
            var size = 0.0007 + (random.NextDouble() * 0.02);
            var area = Geometry.DefaultFactory.ToGeometry(new Envelope(west, west + size, south, south + size));
            var from = start.AddMinutes(random.Next(0, 120));
            var to = from.AddMinutes(random.Next(10, 240));
            var areas = new PresenceAreaSet([new PresenceArea("square", AreaShape.FromGeometry(Projection.Project(area)))]);
            var near = area.EnvelopeInternal.Copy();
            near.ExpandBy(0.002);

            var everything = await EveryFixAsync(tracks, areas, rules, from, to, devices);
            var nearOnly = await NearFixesAsync(tracks, near, areas, rules, from, to, devices);

            Assert.Equal(everything, nearOnly);
            compared += everything.Count;
        }

        return compared;
    }

    private async Task WriteAsync(IEnumerable<Fix> fixes)
    {
        await using var writer = new FixWriter(fixture.Database.DataSource);
        foreach (var batch in fixes.Chunk(500))
        {
            await writer.WriteAsync(batch);
        }
    }

    private static Fix Fix(string device, DateTimeOffset time, double lat, double lon) => new()
    {
        DeviceId = device,
        DeviceTime = time,
        Latitude = lat,
        Longitude = lon,
        Source = FixSource.Native,
        ReceivedAt = time,
    };

    private static async Task<List<Stay>> EveryFixAsync(
        StoredTracks tracks, PresenceAreaSet areas, PresenceRules rules, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> devices)
    {
        var stays = new List<Stay>();
        var points = new Dictionary<string, List<TrackPoint>>();
        await tracks.ReadAsync(from - rules.MaxGap, to + rules.MaxGap, devices, (device, ticks, lon, lat) =>
        {
            var (x, y) = Projection.Project(lon, lat);
            if (!points.TryGetValue(device, out var track))
            {
                points[device] = track = [];
            }

            track.Add(new TrackPoint(x, y, ticks));
        });
        foreach (var (device, track) in points)
        {
            RetrospectivePresence.Compute(device, track, areas, rules, from, to, stays);
        }

        return Sorted(stays);
    }

    private static async Task<List<Stay>> NearFixesAsync(
        StoredTracks tracks, Envelope near, PresenceAreaSet areas, PresenceRules rules, DateTimeOffset from, DateTimeOffset to, IReadOnlyCollection<string> devices)
    {
        var stays = new List<Stay>();
        var states = new Dictionary<string, DevicePresenceState>();
        await tracks.ReadNearAsync(from - rules.MaxGap, to + rules.MaxGap, near, devices, (device, ticks, lon, lat, resumes) =>
        {
            var (x, y) = Projection.Project(lon, lat);
            var state = states.GetValueOrDefault(device, DevicePresenceState.Initial);
            var point = new TrackPoint(x, y, ticks);
            states[device] = resumes
                ? PresenceStepper.Resume(state, point, device, rules, stays)
                : PresenceStepper.Step(state, point, device, areas, rules, from.UtcTicks, to.UtcTicks, stays);
        });
        foreach (var (device, state) in states)
        {
            PresenceStepper.Finish(state, device, rules, stays);
        }

        return Sorted(stays);
    }

    private static List<Stay> Sorted(List<Stay> stays) =>
        [.. stays.OrderBy(s => s.DeviceId, StringComparer.Ordinal).ThenBy(s => s.Enter)];

    // Four hours of patrol: driving, parking, walking, with gaps up to 20 minutes.
    private static IEnumerable<Fix> RandomTrack(string device, DateTimeOffset start, Random random)
    {
        double lat = 52.62 + (random.NextDouble() * 0.04), lon = -1.16 + (random.NextDouble() * 0.06);
        var time = start.AddSeconds(random.Next(0, 300));
        while (time < start.AddHours(4) && time < DateTimeOffset.UtcNow)
        {
            yield return Fix(device, time, lat, lon);
            var step = random.NextDouble() < 0.02 ? random.Next(300, 1200) : random.Next(5, 60);
            time = time.AddSeconds(step);
            var speed = random.NextDouble() < 0.3 ? 0 : random.NextDouble() * 15;
            var heading = random.NextDouble() * 2 * Math.PI;
            var metres = speed * Math.Min(step, 60);
            lat = Math.Clamp(lat + (Math.Cos(heading) * metres / 111_000), 52.60, 52.67);
            lon = Math.Clamp(lon + (Math.Sin(heading) * metres / 67_700), -1.18, -1.09);
        }
    }
}
