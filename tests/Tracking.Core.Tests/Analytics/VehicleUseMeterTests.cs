using Tracking.Core.Analytics;
using Tracking.Core.Patrol;

namespace Tracking.Core.Tests.Analytics;

public class VehicleUseMeterTests
{
    // Wednesday 25 November 2026: GMT, so local midnight is 00:00 UTC.
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 22, 0, 0, TimeSpan.Zero);

    private static List<VehicleDay> Measure(IEnumerable<(double X, double Y, DateTimeOffset Time)> track)
    {
        var meter = new VehicleUseMeter(LocalCalendar.London);
        foreach (var (x, y, time) in track)
        {
            meter.Add(new TrackPoint(x, y, time));
        }

        return meter.Finish();
    }

    [Fact]
    public void Jitter_while_parked_adds_no_distance_and_ten_minutes_stopped_is_parked()
    {
        // 61 fixes 10 s apart wandering up to 12 m around one spot.
        var random = new Random(3);
        var track = Enumerable.Range(0, 61).Select(i => (random.NextDouble() * 24 - 12, random.NextDouble() * 24 - 12, T0.AddSeconds(10 * i)));

        var day = Assert.Single(Measure(track));

        Assert.Equal(0, day.DistanceMetres);
        Assert.Equal(600, day.ParkedSeconds);
        Assert.Equal(0, day.MovingSeconds + day.IdlingSeconds);
    }

    [Fact]
    public void A_drive_counts_its_distance_and_a_two_minute_stop_at_lights_is_idling()
    {
        // East at 10 m/s for 60 s (600 m), stopped 120 s, on for 30 s (300 m).
        var track = new List<(double, double, DateTimeOffset)>();
        for (var i = 0; i <= 6; i++)
        {
            track.Add((100.0 * i, 0, T0.AddSeconds(10 * i)));
        }

        for (var i = 1; i <= 12; i++)
        {
            track.Add((600, 3, T0.AddSeconds(60 + (10 * i))));
        }

        for (var i = 1; i <= 3; i++)
        {
            track.Add((600 + (100.0 * i), 0, T0.AddSeconds(180 + (10 * i))));
        }

        var day = Assert.Single(Measure(track));

        // The first move after the stop is measured from the anchor (600, 0): exactly 100 m.
        Assert.Equal(900, day.DistanceMetres, 9);
        Assert.Equal(90, day.MovingSeconds);
        Assert.Equal(120, day.IdlingSeconds);
        Assert.Equal(0, day.ParkedSeconds);
    }

    [Fact]
    public void A_crawl_below_the_jitter_radius_per_fix_is_counted_once_it_has_gone_the_radius()
    {
        // 10 m per 10 s: each step is inside the 25 m radius, the third reaches 30 m from the anchor.
        var track = Enumerable.Range(0, 7).Select(i => (10.0 * i, 0.0, T0.AddSeconds(10 * i)));

        var day = Assert.Single(Measure(track));

        Assert.Equal(60, day.DistanceMetres, 9);
        Assert.Equal(20, day.MovingSeconds);
        Assert.Equal(40, day.IdlingSeconds);
    }

    [Fact]
    public void A_drive_across_local_midnight_is_split_between_the_two_days_by_time()
    {
        // 23:59:30 to 00:00:30 at 20 m/s: 30 s and 600 m on each date.
        var start = new DateTimeOffset(2026, 11, 25, 23, 59, 30, TimeSpan.Zero);
        var track = new[] { (0.0, 0.0, start), (1200.0, 0.0, start.AddSeconds(60)) };

        var days = Measure(track);

        Assert.Equal([new DateOnly(2026, 11, 25), new DateOnly(2026, 11, 26)], days.Select(d => d.Day));
        Assert.All(days, d => Assert.Equal((600.0, 30.0), (d.DistanceMetres, d.MovingSeconds)));
    }

    [Fact]
    public void In_summer_local_midnight_is_23_00_UTC()
    {
        // 22:59:50 to 23:00:10 UTC on 30 June 2026 is 23:59:50 to 00:00:10 BST.
        var start = new DateTimeOffset(2026, 6, 30, 22, 59, 50, TimeSpan.Zero);

        var days = Measure([(0.0, 0.0, start), (200.0, 0.0, start.AddSeconds(20))]);

        Assert.Equal([(new DateOnly(2026, 6, 30), 10.0), (new DateOnly(2026, 7, 1), 10.0)], days.Select(d => (d.Day, d.MovingSeconds)));
    }

    [Fact]
    public void Across_a_gap_longer_than_five_minutes_no_time_counts_but_the_distance_does()
    {
        var track = new[] { (0.0, 0.0, T0), (0.0, 5000.0, T0.AddMinutes(8)), (0.0, 5100.0, T0.AddMinutes(8).AddSeconds(10)) };

        var day = Assert.Single(Measure(track));

        Assert.Equal(5100, day.DistanceMetres, 9);
        Assert.Equal(10, day.ReportedSeconds);
    }

    [Fact]
    public void The_day_the_clocks_go_back_is_25_hours_long()
    {
        // Sunday 25 October 2026: BST ends at 01:00 UTC. Local day = 24 Oct 23:00 UTC to 26 Oct 00:00 UTC.
        var day = new DateOnly(2026, 10, 25);

        Assert.Equal(TimeSpan.FromHours(25), LocalCalendar.London.End(day) - LocalCalendar.London.Start(day));
        Assert.Equal(TimeSpan.FromHours(23), LocalCalendar.London.End(new DateOnly(2026, 3, 29)) - LocalCalendar.London.Start(new DateOnly(2026, 3, 29)));
        Assert.Equal(new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero), LocalCalendar.London.Start(day));
    }
}
