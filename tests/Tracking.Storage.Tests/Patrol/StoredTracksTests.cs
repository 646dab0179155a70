using NetTopologySuite.Geometries;
using Tracking.Core.Fixes;
using Tracking.Core.Geo;
using Tracking.Core.Patrol;
using Tracking.Storage.Fixes;
using Tracking.Storage.Patrol;

namespace Tracking.Storage.Tests.Patrol;

/// <summary>
/// Reading only the parts of tracks that came near an area (the track boxes) gives exactly the
/// presence that reading every fix gives.
/// </summary>
public sealed class StoredTracksTests(MigratedDatabase fixture) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 14, 21, 0, 0, TimeSpan.Zero);
    private static readonly MapProjection Projection = MapProjection.BritishNationalGrid;

    [Fact]
    public async Task Presence_from_the_tracks_near_an_area_equals_presence_from_every_fix()
    {
        var random = new Random(7);
        var devices = Enumerable.Range(0, 6).Select(i => $"near-{i}").ToArray();
        var fixes = devices.SelectMany(device => RandomTrack(device, random)).ToList();
        await using (var writer = new FixWriter(fixture.Database.DataSource))
        {
            foreach (var batch in fixes.Chunk(500))
            {
                await writer.WriteAsync(batch);
            }
        }

        var tracks = new StoredTracks(fixture.Database.DataSource);
        var rules = new PresenceRules(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));
        var compared = 0;
        for (var i = 0; i < 25; i++)
        {
            // Squares of 50 m to 1.5 km around the city, and periods that cut tracks at either end.
            var west = -1.16 + (random.NextDouble() * 0.05);
            var south = 52.62 + (random.NextDouble() * 0.03);
            var size = 0.0007 + (random.NextDouble() * 0.02);
            var area = Geometry.DefaultFactory.ToGeometry(new Envelope(west, west + size, south, south + size));
            var from = Start.AddMinutes(random.Next(0, 120));
            var to = from.AddMinutes(random.Next(10, 240));
            var shape = AreaShape.FromGeometry(Projection.Project(area));
            var areas = new PresenceAreaSet([new PresenceArea("square", shape)]);

            var everything = await ComputeAsync((f, t, d, onFix) => tracks.ReadAsync(f, t, d, onFix), areas, rules, from, to, devices);
            var near = area.EnvelopeInternal.Copy();
            near.ExpandBy(0.005);
            var nearOnly = await ComputeAsync((f, t, d, onFix) => tracks.ReadNearAsync(f, t, near, d, onFix), areas, rules, from, to, devices);

            Assert.Equal(everything, nearOnly);
            compared += everything.Count;
        }

        Assert.True(compared > 20, $"only {compared} stays compared: the random areas missed the tracks");
    }

    [Fact]
    public async Task A_device_whose_only_segment_near_the_area_crosses_a_bucket_boundary_is_read()
    {
        // Two fixes 20 s apart on either side of 10:10, both 4 km from a 100 m square they cross.
        var before = new DateTimeOffset(2026, 11, 16, 10, 9, 50, TimeSpan.Zero);
        await using (var writer = new FixWriter(fixture.Database.DataSource))
        {
            await writer.WriteAsync([Fix("crosser", before, 52.63, -1.19), Fix("crosser", before.AddSeconds(20), 52.63, -1.07)]);
        }

        var area = Geometry.DefaultFactory.ToGeometry(new Envelope(-1.1307, -1.1293, 52.6295, 52.6305));
        var areas = new PresenceAreaSet([new PresenceArea("square", AreaShape.FromGeometry(Projection.Project(area)))]);
        var near = area.EnvelopeInternal.Copy();
        near.ExpandBy(0.002);
        var tracks = new StoredTracks(fixture.Database.DataSource);
        var rules = PresenceRules.Default;
        string[] devices = ["crosser"];

        var everything = await ComputeAsync((f, t, d, onFix) => tracks.ReadAsync(f, t, d, onFix), areas, rules, before.AddHours(-1), before.AddHours(1), devices);
        var nearOnly = await ComputeAsync((f, t, d, onFix) => tracks.ReadNearAsync(f, t, near, d, onFix), areas, rules, before.AddHours(-1), before.AddHours(1), devices);

        Assert.Single(everything);
        Assert.Equal(everything, nearOnly);
    }

    [Fact]
    public async Task Boxes_cover_a_fix_in_its_own_bucket_and_the_next()
    {
        var time = new DateTimeOffset(2026, 11, 15, 10, 7, 30, TimeSpan.Zero);
        await using (var writer = new FixWriter(fixture.Database.DataSource))
        {
            await writer.WriteAsync([Fix("boxes-1", time, 52.63, -1.13), Fix("boxes-1", time.AddMinutes(1), 52.64, -1.12)]);
        }

        Assert.Equal(2, await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM track_boxes WHERE device_id = 'boxes-1' AND min_lat = 52.63 AND max_lat = 52.64 AND min_lon = -1.13 AND max_lon = -1.12 " +
            "AND bucket IN ('2026-11-15T10:00:00Z', '2026-11-15T10:10:00Z')"));
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

    private static async Task<List<Stay>> ComputeAsync(
        Func<DateTimeOffset, DateTimeOffset, IReadOnlyCollection<string>, Action<string, long, double, double>, Task> read,
        PresenceAreaSet areas,
        PresenceRules rules,
        DateTimeOffset from,
        DateTimeOffset to,
        IReadOnlyCollection<string> devices)
    {
        var stays = new List<Stay>();
        var tracks = new Dictionary<string, List<TrackPoint>>();
        await read(from - rules.MaxGap, to + rules.MaxGap, devices, (device, ticks, lon, lat) =>
        {
            var (x, y) = Projection.Project(lon, lat);
            if (!tracks.TryGetValue(device, out var track))
            {
                tracks[device] = track = [];
            }

            track.Add(new TrackPoint(x, y, ticks));
        });
        foreach (var (device, track) in tracks.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            RetrospectivePresence.Compute(device, track, areas, rules, from, to, stays);
        }

        return stays;
    }

    // Four hours of patrol: driving, parking, walking, with gaps up to 20 minutes.
    private static IEnumerable<Fix> RandomTrack(string device, Random random)
    {
        double lat = 52.62 + (random.NextDouble() * 0.04), lon = -1.16 + (random.NextDouble() * 0.06);
        var time = Start.AddSeconds(random.Next(0, 300));
        while (time < Start.AddHours(4))
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
