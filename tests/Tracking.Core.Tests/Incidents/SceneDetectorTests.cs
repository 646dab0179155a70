using Tracking.Core.Incidents;

namespace Tracking.Core.Tests.Incidents;

public class SceneDetectorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 21, 0, 0, TimeSpan.Zero);

    private static SceneDetector Detector() => new(new SceneOptions { ArrivalRadius = 100, SelfDeployDwell = TimeSpan.FromSeconds(120) });

    private static List<SceneEvent> Observe(SceneDetector detector, string unit, double x, double y, DateTimeOffset time)
    {
        var events = new List<SceneEvent>();
        detector.Observe(unit, x, y, time, events);
        return events;
    }

    [Fact]
    public void An_assigned_unit_arrives_with_its_first_fix_inside_the_radius()
    {
        var detector = Detector();
        detector.Open("INC-1", 1000, 1000, T0);
        detector.Assign("INC-1", "LR21", T0.AddMinutes(1));

        Assert.Empty(Observe(detector, "LR21", 1000, 1101, T0.AddMinutes(3)));   // 101 m: outside
        var events = Observe(detector, "LR21", 1000, 1100, T0.AddMinutes(4));    // exactly 100 m: inside

        var arrival = Assert.Single(events);
        Assert.Equal(new SceneEvent(SceneEventKind.Arrived, "INC-1", "LR21", T0.AddMinutes(4)), arrival);
        Assert.Empty(Observe(detector, "LR21", 1000, 1000, T0.AddMinutes(5)));   // arrives once
    }

    [Fact]
    public void A_fix_from_before_the_assignment_is_not_an_arrival()
    {
        var detector = Detector();
        detector.Open("INC-1", 0, 0, T0);
        detector.Assign("INC-1", "LR21", T0.AddMinutes(2));

        Assert.Empty(Observe(detector, "LR21", 0, 0, T0.AddMinutes(1)));
        Assert.Single(Observe(detector, "LR21", 0, 0, T0.AddMinutes(2)));
    }

    [Fact]
    public void A_unit_that_was_not_sent_and_stays_two_minutes_self_deployed_from_its_first_fix_inside()
    {
        var detector = Detector();
        detector.Open("INC-1", 0, 0, T0);

        Assert.Empty(Observe(detector, "LR30", 50, 0, T0.AddMinutes(1)));
        Assert.Empty(Observe(detector, "LR30", 40, 0, T0.AddMinutes(2)));
        var events = Observe(detector, "LR30", 30, 0, T0.AddMinutes(3));

        Assert.Equal(new SceneEvent(SceneEventKind.SelfDeployed, "INC-1", "LR30", T0.AddMinutes(1)), Assert.Single(events));
    }

    [Fact]
    public void Driving_past_an_incident_is_not_a_deployment()
    {
        var detector = Detector();
        detector.Open("INC-1", 0, 0, T0);

        Assert.Empty(Observe(detector, "LR30", -50, 0, T0.AddSeconds(10)));
        Assert.Empty(Observe(detector, "LR30", 50, 0, T0.AddSeconds(20)));
        Assert.Empty(Observe(detector, "LR30", 150, 0, T0.AddSeconds(30)));
        // Back inside later: the dwell starts again.
        Assert.Empty(Observe(detector, "LR30", 0, 0, T0.AddSeconds(200)));
        Assert.Empty(Observe(detector, "LR30", 0, 0, T0.AddSeconds(319)));
        Assert.Single(Observe(detector, "LR30", 0, 0, T0.AddSeconds(320)));
    }

    [Fact]
    public void A_unit_already_there_before_the_incident_was_created_does_not_count_until_after()
    {
        var detector = Detector();
        detector.Open("INC-1", 0, 0, T0);

        Assert.Empty(Observe(detector, "LR30", 0, 0, T0.AddMinutes(-5)));
        Assert.Empty(Observe(detector, "LR30", 0, 0, T0.AddMinutes(1)));
        var events = Observe(detector, "LR30", 0, 0, T0.AddMinutes(3));

        Assert.Equal(T0.AddMinutes(1), Assert.Single(events).ArrivedAt);
    }

    [Fact]
    public void A_closed_incident_sees_no_arrivals_and_a_restored_arrival_is_not_repeated()
    {
        var detector = Detector();
        detector.Open("INC-1", 0, 0, T0);
        detector.Open("INC-2", 5000, 0, T0);
        detector.Assign("INC-1", "LR21", T0);
        detector.Assign("INC-2", "LR22", T0);
        detector.MarkArrived("INC-2", "LR22");
        detector.Close("INC-1");

        Assert.Empty(Observe(detector, "LR21", 0, 0, T0.AddMinutes(1)));
        Assert.Empty(Observe(detector, "LR22", 5000, 0, T0.AddMinutes(1)));
        Assert.Equal(1, detector.OpenIncidents);
    }

    [Fact]
    public void Every_unit_inside_counts_and_two_incidents_in_reach_each_see_the_unit()
    {
        var detector = Detector();
        detector.Open("INC-1", 0, 0, T0);
        detector.Open("INC-2", 80, 0, T0);
        detector.Assign("INC-1", "LR21", T0);
        detector.Assign("INC-2", "LR21", T0);

        var events = Observe(detector, "LR21", 40, 0, T0.AddMinutes(1));

        Assert.Equal(["INC-1", "INC-2"], events.Select(e => e.IncidentId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Settings_out_of_range_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new SceneDetector(new SceneOptions { ArrivalRadius = 0 }));
        Assert.Contains("ArrivalRadius", error.Message, StringComparison.Ordinal);
    }
}
