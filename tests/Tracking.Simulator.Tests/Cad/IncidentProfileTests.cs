using Tracking.Simulator.Cad;
using Tracking.Simulator.Fleet;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Cad;

public sealed class IncidentProfileTests
{
    private static readonly DateTimeOffset FridayNight = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Friday_and_saturday_nights_are_the_busiest_hours_of_the_week()
    {
        var profile = new IncidentProfile(10);
        var week = Enumerable.Range(0, 7 * 24).Select(h => new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero).AddHours(h)).ToList();

        var busiest = week.OrderByDescending(profile.IncidentsPerHour).Take(12).ToList();

        Assert.All(busiest, t => Assert.True(IncidentProfile.IsWeekendNight(t.UtcDateTime), $"{t:ddd HH:mm} is among the busiest"));
        Assert.True(profile.IncidentsPerHour(FridayNight.AddHours(3)) > 2 * profile.IncidentsPerHour(TuesdayMorning.AddHours(2)));
    }

    [Fact]
    public void The_generator_raises_far_more_incidents_on_a_friday_night_than_a_tuesday_morning()
    {
        var friday = Count(FridayNight, seed: 3);
        var tuesday = Count(TuesdayMorning, seed: 3);

        // Expected about 2.5 × as many (hour-of-day 1.45 × weekend-night 1.8 against 1.0); 1.6 × leaves room for chance.
        Assert.True(friday > 1.6 * tuesday, $"Friday 20:00–02:00: {friday}, Tuesday 08:00–14:00: {tuesday}");
    }

    [Fact]
    public void Friday_nights_bring_more_emergencies_among_the_incidents()
    {
        var (one, _, _) = IncidentProfile.GradeMix(FridayNight.AddHours(2));
        var (weekday, _, _) = IncidentProfile.GradeMix(TuesdayMorning);

        Assert.True(one > weekday);
    }

    [Fact]
    public void Every_incident_is_placed_on_a_road_with_an_address_and_a_type_of_its_grade()
    {
        var incidents = Raise(FridayNight, seed: 4, TimeSpan.FromHours(6));
        var network = DemoMap.World.Network;

        Assert.NotEmpty(incidents);
        Assert.All(incidents, i =>
        {
            var (x, y) = network.Projection.Project(i.Longitude, i.Latitude);
            Assert.True(network.Graph.Snap(x, y)!.Value.Distance < 0.05);
            Assert.Matches("^[0-9]+ ", i.Address);
            Assert.Equal(i.Type.Grade, i.Grade);
        });
        Assert.Equal(incidents.Count, incidents.Select(i => i.Id).Distinct().Count());
        Assert.Equal([1, 2, 3], incidents.Select(i => i.Grade).Distinct().Order());
    }

    private static int Count(DateTimeOffset start, int seed) => Raise(start, seed, TimeSpan.FromHours(6)).Count;

    private static List<SimIncident> Raise(DateTimeOffset start, int seed, TimeSpan span)
    {
        var generator = new IncidentGenerator(new IncidentProfile(10), DemoMap.World.Network, seed, start);
        var raised = new List<SimIncident>();
        generator.RaiseUntil(start + span, raised);
        return raised;
    }
}
