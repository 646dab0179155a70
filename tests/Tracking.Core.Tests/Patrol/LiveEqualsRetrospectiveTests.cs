using NetTopologySuite.Geometries;
using Tracking.Core.Patrol;

namespace Tracking.Core.Tests.Patrol;

/// <summary>
/// The property DESIGN.md promises: live presence, fed fixes as they arrive (late, repeated,
/// in bursts), hands out exactly the stays that retrospective presence finds in the stored track.
/// </summary>
public class LiveEqualsRetrospectiveTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 18, 0, 0, TimeSpan.Zero);
    private static readonly GeometryFactory Factory = new();

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Live_presence_equals_retrospective_presence_on_random_tracks(int seed) =>
        AssertLiveEqualsRetrospective(seed, dense: false);

    /// <summary>A fix every one to three seconds: the window holds dozens of fixes, and those that leave it pile up before they are removed.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Live_presence_equals_retrospective_presence_on_dense_tracks(int seed) =>
        AssertLiveEqualsRetrospective(seed, dense: true);

    private static void AssertLiveEqualsRetrospective(int seed, bool dense)
    {
        var random = new Random(seed);
        var areas = RandomAreas(random);
        var rules = new PresenceRules(
            TimeSpan.FromSeconds(random.Next(60, 301)),
            TimeSpan.FromSeconds(random.Next(0, 121)),
            TimeSpan.FromSeconds(random.Next(0, 121)));
        var reorderWindow = TimeSpan.FromSeconds(120);
        var live = new LivePresence(areas, rules, reorderWindow);
        var handedOut = new List<Stay>();
        var expected = new List<Stay>();
        var outcomes = new HashSet<LiveFixOutcome>();

        for (var device = 0; device < 4; device++)
        {
            var deviceId = $"unit-{device}";
            var track = RandomTrack(random, dense);
            RetrospectivePresence.Compute(deviceId, track, areas, rules, expected);

            foreach (var (fix, receivedAt) in Arrivals(track, random, reorderWindow))
            {
                var closed = new List<Stay>();
                var retracted = new List<Stay>();
                var outcome = live.Add(deviceId, fix, receivedAt, closed, retracted);
                Assert.NotEqual(LiveFixOutcome.TooLate, outcome);
                outcomes.Add(outcome);
                foreach (var stay in retracted)
                {
                    Assert.True(handedOut.Remove(stay), $"retracted a stay never handed out: {stay}");
                }

                handedOut.AddRange(closed);
            }
        }

        live.Sweep(DateTimeOffset.MaxValue.AddDays(-1), handedOut);

        Assert.Equal(Sorted(expected), Sorted(handedOut));
        Assert.NotEmpty(expected);
        // The run exercised late and repeated fixes, not only the in-order path.
        Assert.Contains(LiveFixOutcome.Replayed, outcomes);
        Assert.Contains(LiveFixOutcome.Duplicate, outcomes);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Leaving_out_the_fixes_far_from_an_area_and_resuming_after_them_gives_the_same_stays(int seed)
    {
        // What a reader that prunes by place does (StoredTracks.ReadNearAsync): only the fixes at either end of a segment
        // whose box meets the area's are stepped, and a fix whose predecessor was left out resumes the track.
        var random = new Random(seed);
        var area = RandomAreas(random).Areas[random.Next(6)];
        var areas = new PresenceAreaSet([area]);
        var near = area.Shape.Envelope;
        var rules = new PresenceRules(
            TimeSpan.FromSeconds(random.Next(60, 301)),
            TimeSpan.FromSeconds(random.Next(0, 121)),
            TimeSpan.FromSeconds(random.Next(0, 121)));
        var expected = new List<Stay>();
        var pruned = new List<Stay>();
        var leftOut = 0;

        for (var device = 0; device < 4; device++)
        {
            var deviceId = $"unit-{device}";
            var track = RandomTrack(random);
            RetrospectivePresence.Compute(deviceId, track, areas, rules, expected);

            var state = DevicePresenceState.Initial;
            for (var i = 1; i < track.Count; i++)
            {
                var (a, b) = (track[i - 1], track[i]);
                if (Math.Max(a.X, b.X) < near.MinX || Math.Min(a.X, b.X) > near.MaxX || Math.Max(a.Y, b.Y) < near.MinY || Math.Min(a.Y, b.Y) > near.MaxY)
                {
                    leftOut++;
                    continue;
                }

                if (state.Last != a)
                {
                    state = PresenceStepper.Resume(state, a, deviceId, rules, pruned);
                }

                state = PresenceStepper.Step(state, b, deviceId, areas, rules, long.MinValue, long.MaxValue, pruned);
            }

            PresenceStepper.Finish(state, deviceId, rules, pruned);
        }

        Assert.Equal(Sorted(expected), Sorted(pruned));
        Assert.True(leftOut > 100, $"only {leftOut} segments were left out");
    }

    private static List<Stay> Sorted(List<Stay> stays) =>
        [.. stays.OrderBy(s => s.DeviceId, StringComparer.Ordinal).ThenBy(s => s.AreaKey, StringComparer.Ordinal).ThenBy(s => s.Enter)];

    private static PresenceAreaSet RandomAreas(Random random)
    {
        var areas = new List<PresenceArea>();
        for (var i = 0; i < 6; i++)
        {
            var cx = random.NextDouble() * 1000;
            var cy = random.NextDouble() * 1000;
            var size = 50 + (random.NextDouble() * 300);
            var shape = (i % 3) switch
            {
                0 => AreaShape.Circle(cx, cy, size / 2),
                1 => AreaShape.FromGeometry(Star(random, cx, cy, size)),
                _ => AreaShape.FromGeometry(Factory.CreatePolygon(
                    [new(cx, cy), new(cx + size, cy), new(cx + size, cy + size), new(cx, cy + size), new(cx, cy)])),
            };
            areas.Add(new PresenceArea($"area-{i}", shape));
        }

        return new PresenceAreaSet(areas);
    }

    // A concave star: a boundary that segments enter and leave several times.
    private static Polygon Star(Random random, double cx, double cy, double size)
    {
        const int Points = 14;
        var ring = new Coordinate[Points + 1];
        for (var k = 0; k < Points; k++)
        {
            var angle = 2 * Math.PI * k / Points;
            var radius = size * (k % 2 == 0 ? 0.5 : 0.15 + (0.2 * random.NextDouble()));
            ring[k] = new Coordinate(cx + (radius * Math.Cos(angle)), cy + (radius * Math.Sin(angle)));
        }

        ring[Points] = ring[0].Copy();
        return Factory.CreatePolygon(ring);
    }

    // A patrol: driving, stopping, walking in place, with short and long gaps between fixes.
    private static List<TrackPoint> RandomTrack(Random random, bool dense = false)
    {
        var track = new List<TrackPoint>();
        double x = random.NextDouble() * 1000, y = random.NextDouble() * 1000;
        var ticks = T0.UtcTicks;
        for (var i = 0; i < (dense ? 2000 : 400); i++)
        {
            var step = dense ? 1 + (random.NextDouble() * 2) : random.NextDouble() switch
            {
                < 0.03 => 200 + (random.NextDouble() * 400),
                < 0.5 => 1 + (random.NextDouble() * 10),
                _ => 10 + (random.NextDouble() * 50),
            };
            ticks += (long)(step * TimeSpan.TicksPerSecond);
            var speed = random.NextDouble() < 0.3 ? 0 : random.NextDouble() * 15;
            var heading = random.NextDouble() * 2 * Math.PI;
            x = Math.Clamp(x + (Math.Cos(heading) * speed * Math.Min(step, 30)), -100, 1100);
            y = Math.Clamp(y + (Math.Sin(heading) * speed * Math.Min(step, 30)), -100, 1100);
            track.Add(new TrackPoint(x, y, ticks));
        }

        return track;
    }

    // Fixes as a server receives them: mostly in order, some held back and delivered late (within
    // the reorder window), some sent twice.
    private static IEnumerable<(TrackPoint Fix, DateTimeOffset ReceivedAt)> Arrivals(List<TrackPoint> track, Random random, TimeSpan reorderWindow)
    {
        var arrivals = new List<(TrackPoint Fix, long ArriveTicks)>();
        foreach (var fix in track)
        {
            var delay = random.NextDouble() < 0.2 ? random.NextDouble() * (reorderWindow.TotalSeconds - 5) : 0;
            arrivals.Add((fix, fix.Ticks + (long)(delay * TimeSpan.TicksPerSecond)));
            if (random.NextDouble() < 0.05)
            {
                arrivals.Add((fix, fix.Ticks + (long)(random.NextDouble() * 60 * TimeSpan.TicksPerSecond)));
            }
        }

        return arrivals.OrderBy(a => a.ArriveTicks).Select(a => (a.Fix, new DateTimeOffset(a.ArriveTicks, TimeSpan.Zero)));
    }
}
