using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Tracking.Core.Patrol;

namespace Tracking.Core.Tests.Patrol;

/// <summary>
/// Every presence rule of DESIGN.md on hand-made tracks whose answers are worked out here.
/// Shapes are in metres; a 100 m square from (0, 0) to (100, 100) unless said otherwise.
/// </summary>
public class PresenceRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 21, 0, 0, TimeSpan.Zero);
    private static readonly WKTReader Wkt = new();

    private static PresenceAreaSet Square() =>
        Areas(("square", AreaShape.FromGeometry(Wkt.Read("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"))));

    private static PresenceAreaSet Areas(params (string Key, AreaShape Shape)[] areas) =>
        new([.. areas.Select(a => new PresenceArea(a.Key, a.Shape))]);

    private static TrackPoint At(double x, double y, double seconds) => new(x, y, T0.AddSeconds(seconds));

    private static List<Stay> Stays(PresenceAreaSet areas, params TrackPoint[] track) => Stays(areas, PresenceRules.Default, track);

    private static List<Stay> Stays(PresenceAreaSet areas, PresenceRules rules, params TrackPoint[] track)
    {
        var stays = new List<Stay>();
        RetrospectivePresence.Compute("car-1", track, areas, rules, stays);
        return stays;
    }

    [Fact]
    public void Entering_and_leaving_between_fixes_is_timed_at_the_interpolated_boundary()
    {
        // 10 m/s along y = 50 from x = -50 to x = 150: inside from x = 0 (5 s) to x = 100 (15 s).
        var stays = Stays(Square(), At(-50, 50, 0), At(150, 50, 20));

        var stay = Assert.Single(stays);
        Assert.Equal(T0.AddSeconds(5), stay.Enter);
        Assert.Equal(T0.AddSeconds(15), stay.Exit);
        Assert.Equal(10, stay.InsideSeconds, 6);
        Assert.False(stay.IsVisit);
    }

    [Fact]
    public void A_gap_longer_than_MaxGap_earns_nothing()
    {
        // Inside at 0 s and at 301 s: the 301 s gap breaks the track. The next 10 s earn 10 s.
        Assert.Empty(Stays(Square(), At(50, 50, 0), At(50, 50, 301)));

        var stay = Assert.Single(Stays(Square(), At(50, 50, 0), At(50, 50, 301), At(50, 50, 311)));
        Assert.Equal(T0.AddSeconds(301), stay.Enter);
        Assert.Equal(10, stay.InsideSeconds, 6);
    }

    [Fact]
    public void A_gap_of_exactly_MaxGap_still_counts()
    {
        var stay = Assert.Single(Stays(Square(), At(50, 50, 0), At(50, 50, 300)));
        Assert.Equal(300, stay.InsideSeconds, 6);
        Assert.True(stay.IsVisit);
    }

    [Fact]
    public void An_interruption_shorter_than_Grace_merges_into_one_stay()
    {
        // Inside 0–100 s, out from 100 s to 159 s (59 s), inside again 159–200 s.
        var track = new[]
        {
            At(50, 50, 0), At(50, 50, 100), At(200, 50, 100.001), At(200, 50, 158.999), At(50, 50, 159), At(50, 50, 200),
        };
        var stay = Assert.Single(Stays(Square(), track));

        Assert.Equal(T0, stay.Enter);
        Assert.Equal(T0.AddSeconds(200), stay.Exit);
        // The quick hops out and back in are 1 ms each at 150 m per ms: inside for 1/3 ms of each.
        Assert.Equal(100 + 41 + (2 * 0.001 / 3), stay.InsideSeconds, 4);
        Assert.True(stay.IsVisit);
    }

    [Fact]
    public void An_interruption_of_Grace_or_longer_makes_two_stays()
    {
        // Inside 0–100 s; the hop out ends at 100.001/3 s; the hop back in starts inside at 160 s − 2/3 ms.
        var track = new[]
        {
            At(50, 50, 0), At(50, 50, 100), At(200, 50, 100.001), At(200, 50, 160), At(50, 50, 160.001), At(50, 50, 300),
        };
        var stays = Stays(Square(), track);

        Assert.Equal(2, stays.Count);
        Assert.Equal(T0, stays[0].Enter);
        Assert.Equal(100.000333, (stays[0].Exit - T0).TotalSeconds, 6);
        Assert.Equal(160.000667, (stays[1].Enter - T0).TotalSeconds, 6);
        Assert.Equal(T0.AddSeconds(300), stays[1].Exit);
    }

    [Fact]
    public void A_stay_just_under_MinDwell_is_a_pass_and_one_at_MinDwell_is_a_visit()
    {
        // 1 m/s across the 100 m square, in for 59 s or 60 s by where the track turns back.
        var pass = Assert.Single(Stays(Square(), At(-1, 50, 0), At(29.5, 50, 30.5), At(-1, 50, 61)));
        Assert.Equal(59, pass.InsideSeconds, 6);
        Assert.False(pass.IsVisit);

        var visit = Assert.Single(Stays(Square(), At(-1, 50, 0), At(30, 50, 31), At(-1, 50, 62)));
        Assert.Equal(60, visit.InsideSeconds, 6);
        Assert.True(visit.IsVisit);
    }

    [Fact]
    public void A_point_location_is_a_circle_of_its_radius()
    {
        var circle = Areas(("cash-machine", AreaShape.Circle(0, 0, 50)));

        // Through the centre at 1 m/s from x = −100: inside 50 s to 150 s.
        var through = Assert.Single(Stays(circle, At(-100, 0, 0), At(100, 0, 200)));
        Assert.Equal(50, (through.Enter - T0).TotalSeconds, 6);
        Assert.Equal(100, through.InsideSeconds, 6);

        // 30 m off the centre the chord is 2 × √(50² − 30²) = 80 m: 80 s.
        var chord = Assert.Single(Stays(circle, At(-100, 30, 0), At(100, 30, 200)));
        Assert.Equal(80, chord.InsideSeconds, 6);

        // 50.5 m off: never inside.
        Assert.Empty(Stays(circle, At(-100, 50.5, 0), At(100, 50.5, 200)));
    }

    [Fact]
    public void Overlapping_locations_each_count_their_own_time()
    {
        var areas = Areas(
            ("park", AreaShape.FromGeometry(Wkt.Read("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0))"))),
            ("kiosk", AreaShape.Circle(50, 50, 10)));

        // 1 m/s along y = 50 from x = 0 to 100: 100 s in the park, 20 s at the kiosk.
        var stays = Stays(areas, At(0, 50, 0), At(100, 50, 100));

        Assert.Equal(100, stays.Single(s => s.AreaKey == "park").InsideSeconds, 6);
        Assert.Equal(20, stays.Single(s => s.AreaKey == "kiosk").InsideSeconds, 6);
    }

    [Fact]
    public void A_stationary_unit_inside_has_one_visit_as_long_as_its_fixes()
    {
        var track = Enumerable.Range(0, 21).Select(i => At(40, 60, i * 30.0)).ToArray();

        var stay = Assert.Single(Stays(Square(), track));
        Assert.Equal(T0, stay.Enter);
        Assert.Equal(T0.AddSeconds(600), stay.Exit);
        Assert.Equal(600, stay.InsideSeconds, 6);
        Assert.True(stay.IsVisit);
    }

    [Fact]
    public void GPS_jitter_across_an_edge_counts_only_the_inside_half_and_stays_one_visit()
    {
        // Parked on the east edge (x = 100), jittering to 97 and 103 every 10 s for 120 s:
        // each segment crosses the edge half-way, so 5 s of every 10 s are inside.
        var track = Enumerable.Range(0, 13).Select(i => At(i % 2 == 0 ? 97 : 103, 50, i * 10.0)).ToArray();

        var stay = Assert.Single(Stays(Square(), track));
        Assert.Equal(60, stay.InsideSeconds, 6);
        Assert.Equal(T0, stay.Enter);
        Assert.Equal(T0.AddSeconds(120), stay.Exit);
        Assert.True(stay.IsVisit);
    }

    [Fact]
    public void Driving_along_the_boundary_counts_as_inside()
    {
        var stay = Assert.Single(Stays(Square(), At(0, 0, 0), At(100, 0, 100)));
        Assert.Equal(100, stay.InsideSeconds, 6);
    }

    [Fact]
    public void A_concave_area_entered_twice_on_one_segment_merges_within_Grace()
    {
        // A U shape: the segment along y = 75 crosses the left arm (0–30), the gap (30–70), the right arm (70–100).
        var u = Areas(("u", AreaShape.FromGeometry(Wkt.Read("POLYGON ((0 0, 100 0, 100 100, 70 100, 70 50, 30 50, 30 100, 0 100, 0 0))"))));
        var stay = Assert.Single(Stays(u, At(-10, 75, 0), At(110, 75, 120)));

        Assert.Equal(10, (stay.Enter - T0).TotalSeconds, 6);
        Assert.Equal(110, (stay.Exit - T0).TotalSeconds, 6);
        Assert.Equal(60, stay.InsideSeconds, 6);
    }

    [Fact]
    public void A_hole_is_outside()
    {
        var ring = Areas(("ring", AreaShape.FromGeometry(Wkt.Read("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (25 25, 75 25, 75 75, 25 75, 25 25))"))));
        var stays = Stays(ring, new PresenceRules(TimeSpan.FromSeconds(300), TimeSpan.Zero, TimeSpan.FromSeconds(60)), At(0, 50, 0), At(100, 50, 100));

        Assert.Equal(2, stays.Count);
        Assert.Equal(25, stays[0].InsideSeconds, 6);
        Assert.Equal(25, stays[1].InsideSeconds, 6);
    }

    [Fact]
    public void Fixes_out_of_order_give_the_same_presence_as_in_order()
    {
        var inOrder = new[] { At(-50, 50, 0), At(50, 50, 10), At(50, 50, 70), At(150, 50, 80) };
        var shuffled = new[] { inOrder[2], inOrder[0], inOrder[3], inOrder[1] };

        var expected = Assert.Single(Stays(Square(), inOrder));
        Assert.Equal(expected, Assert.Single(Stays(Square(), shuffled)));
        Assert.Equal(70, expected.InsideSeconds, 6);

        var live = new LivePresence(Square(), PresenceRules.Default, TimeSpan.FromMinutes(2));
        var closed = new List<Stay>();
        var retracted = new List<Stay>();
        var outcomes = shuffled.Select(p => live.Add("car-1", p, T0, closed, retracted)).ToList();
        live.Sweep(T0.AddHours(1), closed);

        Assert.Equal([LiveFixOutcome.Applied, LiveFixOutcome.Replayed, LiveFixOutcome.Applied, LiveFixOutcome.Replayed], outcomes);
        Assert.Equal(expected, Assert.Single(closed));
        Assert.Empty(retracted);
    }

    [Fact]
    public void A_period_counts_only_the_inside_time_within_it()
    {
        // Inside from 0 s to 600 s; the period is 100 s to 250 s.
        var track = Enumerable.Range(0, 11).Select(i => At(50, 50, i * 60.0)).ToArray();
        var stays = new List<Stay>();
        RetrospectivePresence.Compute("car-1", track, Square(), PresenceRules.Default, T0.AddSeconds(100), T0.AddSeconds(250), stays);

        var stay = Assert.Single(stays);
        Assert.Equal(T0.AddSeconds(100), stay.Enter);
        Assert.Equal(T0.AddSeconds(250), stay.Exit);
        Assert.Equal(150, stay.InsideSeconds, 6);
    }

    [Fact]
    public void Live_shows_an_open_stay_and_hands_it_out_once_Grace_has_passed()
    {
        var live = new LivePresence(Square(), PresenceRules.Default, TimeSpan.FromMinutes(2));
        var closed = new List<Stay>();
        var retracted = new List<Stay>();

        live.Add("car-1", At(50, 50, 0), T0, closed, retracted);
        live.Add("car-1", At(50, 50, 90), T0.AddSeconds(90), closed, retracted);
        var open = Assert.Single(live.OpenStays("car-1"));
        Assert.Equal(90, open.InsideSeconds, 6);
        Assert.Empty(closed);

        // Out at 100 s (the segment leaves at x = 100 after 50/150 of 10 s), still open within Grace…
        live.Add("car-1", At(200, 50, 100), T0.AddSeconds(100), closed, retracted);
        Assert.Single(live.OpenStays("car-1"));
        // …and closed by a fix Grace after the exit.
        live.Add("car-1", At(200, 50, 160), T0.AddSeconds(160), closed, retracted);

        var stay = Assert.Single(closed);
        Assert.Equal(90 + (10.0 / 3), stay.InsideSeconds, 6);
        Assert.True(stay.IsVisit);
        Assert.Empty(live.OpenStays("car-1"));
    }

    [Fact]
    public void Live_sweep_closes_the_stays_of_a_device_that_fell_silent()
    {
        var live = new LivePresence(Square(), PresenceRules.Default, TimeSpan.FromMinutes(2));
        var closed = new List<Stay>();
        live.Add("car-1", At(50, 50, 0), T0, closed, []);
        live.Add("car-1", At(50, 50, 30), T0.AddSeconds(30), closed, []);

        live.Sweep(T0.AddSeconds(30 + 299), closed);
        Assert.Empty(closed);
        live.Sweep(T0.AddSeconds(30 + 300), closed);

        Assert.Equal(30, Assert.Single(closed).InsideSeconds, 6);
        Assert.Empty(live.OpenStays("car-1"));
    }

    [Fact]
    public void A_late_fix_that_changes_a_handed_out_stay_retracts_it()
    {
        var live = new LivePresence(Square(), PresenceRules.Default, TimeSpan.FromMinutes(5));
        var closed = new List<Stay>();
        var retracted = new List<Stay>();

        // In 0–20 s, far out at 40 s, out at 120 s: the stay closes as a 20 s pass…
        live.Add("car-1", At(50, 50, 0), T0, closed, retracted);
        live.Add("car-1", At(50, 50, 20), T0, closed, retracted);
        live.Add("car-1", At(5000, 50, 40), T0, closed, retracted);
        live.Add("car-1", At(5000, 50, 120), T0, closed, retracted);
        var pass = Assert.Single(closed);
        Assert.False(pass.IsVisit);

        // …until a late fix shows the unit was back inside at 80 s: the hop out (20.2 s to 79.6 s)
        // is shorter than Grace, so the stay runs on to 80.4 s and is a visit, closed by the next fix.
        closed.Clear();
        Assert.Equal(LiveFixOutcome.Replayed, live.Add("car-1", At(50, 50, 80), T0, closed, retracted));
        Assert.Equal(pass, Assert.Single(retracted));
        Assert.Empty(closed);

        live.Add("car-1", At(5000, 50, 200), T0, closed, retracted);
        var visit = Assert.Single(closed);
        Assert.True(visit.IsVisit);
        Assert.Equal(T0, visit.Enter);
        Assert.Equal(80 + (50.0 / 4950 * 40), (visit.Exit - T0).TotalSeconds, 6);
    }

    [Fact]
    public void A_fix_older_than_the_reorder_window_is_too_late_for_live_and_a_repeat_is_a_duplicate()
    {
        var live = new LivePresence(Square(), PresenceRules.Default, TimeSpan.FromSeconds(60));
        var closed = new List<Stay>();
        foreach (var seconds in new[] { 0.0, 30, 60, 90, 120, 150 })
        {
            live.Add("car-1", At(50, 50, seconds), T0, closed, []);
        }

        Assert.Equal(LiveFixOutcome.TooLate, live.Add("car-1", At(50, 50, 10), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Duplicate, live.Add("car-1", At(60, 60, 120), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Duplicate, live.Add("car-1", At(60, 60, 150), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Replayed, live.Add("car-1", At(50, 50, 135), T0, closed, []));
    }

    [Fact]
    public void After_hundreds_of_fixes_the_window_still_reaches_back_exactly_to_the_last_fix_before_it()
    {
        var live = new LivePresence(Square(), PresenceRules.Default, TimeSpan.FromSeconds(60));
        var closed = new List<Stay>();
        for (var second = 0; second <= 300; second++)
        {
            Assert.Equal(LiveFixOutcome.Applied, live.Add("car-1", At(50, 50, second), T0, closed, []));
        }

        // The newest fix is at 300 s, so the window starts at 240 s; the fix at 239 s is the last one before it.
        Assert.Equal(LiveFixOutcome.TooLate, live.Add("car-1", At(50, 50, 238.5), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Duplicate, live.Add("car-1", At(50, 50, 239), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Replayed, live.Add("car-1", At(50, 50, 239.5), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Duplicate, live.Add("car-1", At(50, 50, 270), T0, closed, []));
        Assert.Equal(LiveFixOutcome.Replayed, live.Add("car-1", At(50, 50, 299.5), T0, closed, []));

        // Out of the square and far away: one visit from 0 s to the last fix inside, handed out once.
        live.Add("car-1", At(5000, 50, 310), T0, closed, []);
        live.Add("car-1", At(5000, 50, 1000), T0, closed, []);
        var visit = Assert.Single(closed);
        Assert.Equal(T0, visit.Enter);
        Assert.True(visit.Exit > T0.AddSeconds(300) && visit.Exit < T0.AddSeconds(310), $"exit {visit.Exit}");
    }
}
