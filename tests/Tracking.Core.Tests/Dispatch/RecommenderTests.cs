using Tracking.Core.Dispatch;
using Tracking.Core.Tests.Geo.Routing;

namespace Tracking.Core.Tests.Dispatch;

public sealed class RecommenderTests
{
    private const double Tolerance = 1e-6;
    private const double Mph30 = 30 * 0.44704;
    private const double Mph25 = 25 * 0.44704;

    private static readonly Recommender StraightLine = new(TestNetwork.Projection);

    [Fact]
    public void Straight_line_mode_ranks_by_distance_times_detour_over_the_type_speed()
    {
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("car", UnitType.ResponseCar, 600, 800)       // 1,000 m
            .Add("van", UnitType.Van, 0, -900)                // 900 m
            .Add("foot", UnitType.FootPatrol, -150, 0);       // 150 m

        var result = StraightLine.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 5);

        // car: 1000 × 1.4 ÷ 13.4112 = 104.39 s; van: 900 × 1.4 ÷ 11.176 = 112.74 s; foot: 150 × 1.4 ÷ 1.4 = 150 s.
        Assert.Equal(EtaBasis.StraightLine, result.Basis);
        Assert.Equal(["car", "van", "foot"], result.Units.Select(u => u.UnitId));
        Assert.Equal(1000 * 1.4 / Mph30, result.Units[0].EtaSeconds, Tolerance);
        Assert.Equal(1000, result.Units[0].DistanceMetres, Tolerance);
        Assert.Equal(900 * 1.4 / Mph25, result.Units[1].EtaSeconds, Tolerance);
        Assert.Equal(150, result.Units[2].EtaSeconds, Tolerance);
        Assert.Equal("CS-car", result.Units[0].CallSign);
        Assert.Empty(result.Excluded);
    }

    [Fact]
    public void Detour_factor_and_speeds_are_configurable()
    {
        var recommender = new Recommender(TestNetwork.Projection, new RecommenderOptions
        {
            DetourFactor = 1.2,
            Speeds = Enum.GetValues<UnitType>().ToDictionary(t => t, _ => 10.0),
        });
        var fleet = new Fleet(TestNetwork.Projection).Add("car", UnitType.ResponseCar, 300, 400);

        var result = recommender.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 1);

        Assert.Equal(500 * 1.2 / 10, result.Units[0].EtaSeconds, Tolerance);
    }

    [Fact]
    public void Only_the_count_asked_for_is_offered()
    {
        var fleet = new Fleet(TestNetwork.Projection);
        for (var i = 0; i < 10; i++)
        {
            fleet.Add($"car-{i}", UnitType.ResponseCar, 100 * (i + 1), 0);
        }

        var result = StraightLine.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 3);

        Assert.Equal(["car-0", "car-1", "car-2"], result.Units.Select(u => u.UnitId));
    }

    [Fact]
    public void Busy_off_duty_stale_unskilled_and_wrong_vehicle_units_are_never_offered_and_are_explained()
    {
        // Every excluded unit is nearer the incident than the one unit that qualifies.
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("ok", UnitType.ArmedResponseVehicle, 5000, 0, u => u with { Skills = Skills(("firearms", null), ("taser", Fleet.Now.AddSeconds(1))) })
            .Add("off-duty", UnitType.ArmedResponseVehicle, 100, 0, u => u with { OnDuty = false, Skills = Skills(("firearms", null), ("taser", null)) })
            .Add("assigned", UnitType.ArmedResponseVehicle, 110, 0, u => u with { Status = UnitStatus.Assigned, Skills = Skills(("firearms", null), ("taser", null)) })
            .Add("at-scene", UnitType.ArmedResponseVehicle, 120, 0, u => u with { Status = UnitStatus.AtScene, Skills = Skills(("firearms", null), ("taser", null)) })
            .Add("unavailable", UnitType.ArmedResponseVehicle, 130, 0, u => u with { Status = UnitStatus.Unavailable, Skills = Skills(("firearms", null), ("taser", null)) })
            .Add("stale", UnitType.ArmedResponseVehicle, 140, 0, u => u with { PositionTime = Fleet.Now.AddSeconds(-121), Skills = Skills(("firearms", null), ("taser", null)) })
            .Add("missing", UnitType.ArmedResponseVehicle, 150, 0, u => u with { Skills = Skills(("firearms", null)) })
            .Add("expired", UnitType.ArmedResponseVehicle, 160, 0, u => u with { Skills = Skills(("firearms", null), ("taser", Fleet.Now)) })
            .Add("car", UnitType.ResponseCar, 170, 0, u => u with { Skills = Skills(("firearms", null), ("taser", null)) })
            .Add("nowhere", UnitType.ArmedResponseVehicle, 0, 0, u => u with { Position = null, PositionTime = null, Skills = Skills(("firearms", null), ("taser", null)) });

        var request = fleet.Incident(0, 0, UnitType.ArmedResponseVehicle, "firearms", "taser");
        var result = StraightLine.Recommend(request, fleet.Units, fleet.Index, count: 5, explain: true);

        Assert.Equal(["ok"], result.Units.Select(u => u.UnitId));
        var reasons = result.Excluded.ToDictionary(e => e.UnitId, e => e.Detail);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["off-duty"] = "OffDuty",
                ["assigned"] = "NotAvailable(Assigned)",
                ["at-scene"] = "NotAvailable(AtScene)",
                ["unavailable"] = "NotAvailable(Unavailable)",
                ["stale"] = "StalePosition(121 s)",
                ["missing"] = "MissingSkill(taser)",
                ["expired"] = "ExpiredSkill(taser)",
                ["car"] = "WrongVehicleType",
                ["nowhere"] = "NoPosition",
            },
            reasons);
        Assert.Equal(result.Excluded.Select(e => e.UnitId).Order(StringComparer.Ordinal), result.Excluded.Select(e => e.UnitId));
        Assert.Equal(TimeSpan.FromSeconds(121), result.Excluded.Single(e => e.UnitId == "stale").Age);
    }

    [Fact]
    public void Position_exactly_as_old_as_the_limit_still_counts()
    {
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("edge", UnitType.ResponseCar, 100, 0, u => u with { PositionTime = Fleet.Now.AddSeconds(-120) });

        var result = StraightLine.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 5, explain: true);

        Assert.Equal(["edge"], result.Units.Select(u => u.UnitId));
        Assert.Empty(result.Excluded);
    }

    [Fact]
    public void Without_explain_no_exclusions_are_listed()
    {
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("busy", UnitType.ResponseCar, 100, 0, u => u with { Status = UnitStatus.AtScene });

        var result = StraightLine.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 5);

        Assert.Empty(result.Units);
        Assert.Empty(result.Excluded);
    }

    [Fact]
    public void Closer_unit_behind_the_river_loses_to_farther_unit_with_shorter_drive()
    {
        // South road y = -100 and north road y = 200 with the only bridge at x = 2000; 10 m/s roads.
        var graph = new TestNetwork()
            .Road("south", 10, oneWay: false, (-3000, -100), (2000, -100), (3000, -100))
            .Road("north", 10, oneWay: false, (-3000, 200), (2000, 200), (3000, 200))
            .Road("bridge", 10, oneWay: false, (2000, -100), (2000, 200))
            .Build();
        var recommender = new Recommender(TestNetwork.Projection, roads: graph);
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("across", UnitType.ResponseCar, 0, 200)
            .Add("same-side", UnitType.ResponseCar, -1000, -100);

        var result = recommender.Recommend(fleet.Incident(0, -100), fleet.Units, fleet.Index, count: 5);

        // same-side: 1,000 m = 100 s. across: 2,000 + 300 + 2,000 m = 430 s.
        Assert.Equal(EtaBasis.RoadNetwork, result.Basis);
        Assert.Equal(["same-side", "across"], result.Units.Select(u => u.UnitId));
        Assert.Equal(100, result.Units[0].EtaSeconds, Tolerance);
        Assert.Equal(1000, result.Units[0].DistanceMetres, Tolerance);
        Assert.Equal(430, result.Units[1].EtaSeconds, Tolerance);
        Assert.Equal(4300, result.Units[1].DistanceMetres, Tolerance);
    }

    [Fact]
    public void Only_the_nearest_candidates_by_straight_line_are_timed_over_the_road()
    {
        // The documented trade-off of the prefilter: with room for one candidate, the unit across
        // the river is the nearest by straight line and the only one timed, so it is offered alone.
        var graph = new TestNetwork()
            .Road("south", 10, oneWay: false, (-3000, -100), (2000, -100), (3000, -100))
            .Road("north", 10, oneWay: false, (-3000, 200), (2000, 200), (3000, 200))
            .Road("bridge", 10, oneWay: false, (2000, -100), (2000, 200))
            .Build();
        var recommender = new Recommender(TestNetwork.Projection, new RecommenderOptions { Candidates = 1 }, graph);
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("across", UnitType.ResponseCar, 0, 200)
            .Add("same-side", UnitType.ResponseCar, -1000, -100);

        var result = recommender.Recommend(fleet.Incident(0, -100), fleet.Units, fleet.Index, count: 5, explain: true);

        Assert.Equal(["across"], result.Units.Select(u => u.UnitId));
        Assert.Empty(result.Excluded);
    }

    [Fact]
    public void Closer_unit_on_the_wrong_side_of_a_one_way_street_loses_to_one_that_can_drive_straight_there()
    {
        // One-way west to east (0,0)–(1000,0) with a two-way loop back of 1,600 m, all at 10 m/s.
        // Incident at x = 500: a unit 100 m past it must go round (400 + 1,600 + 500 m = 250 s);
        // one 300 m behind it drives straight on (30 s).
        var graph = new TestNetwork()
            .Road("one-way", 10, oneWay: true, (0, 0), (1000, 0))
            .Road("loop", 10, oneWay: false, (1000, 0), (1000, 300), (0, 300), (0, 0))
            .Build();
        var recommender = new Recommender(TestNetwork.Projection, roads: graph);
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("past", UnitType.ResponseCar, 600, 0)
            .Add("behind", UnitType.ResponseCar, 200, 0);

        var result = recommender.Recommend(fleet.Incident(500, 0), fleet.Units, fleet.Index, count: 5);

        Assert.Equal(["behind", "past"], result.Units.Select(u => u.UnitId));
        Assert.Equal(30, result.Units[0].EtaSeconds, Tolerance);
        Assert.Equal(250, result.Units[1].EtaSeconds, Tolerance);
    }

    [Fact]
    public void Unit_with_no_route_to_the_incident_is_explained_as_unreachable()
    {
        var graph = new TestNetwork()
            .Road("here", 10, oneWay: false, (0, 0), (1000, 0))
            .Road("island", 10, oneWay: false, (0, 600), (1000, 600))
            .Build();
        var recommender = new Recommender(TestNetwork.Projection, roads: graph);
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("island", UnitType.ResponseCar, 500, 600)
            .Add("here", UnitType.ResponseCar, 900, 0);

        var result = recommender.Recommend(fleet.Incident(500, 0), fleet.Units, fleet.Index, count: 5, explain: true);

        Assert.Equal(["here"], result.Units.Select(u => u.UnitId));
        Assert.Equal("Unreachable", Assert.Single(result.Excluded).Detail);
        Assert.Equal("island", result.Excluded[0].UnitId);
    }

    [Fact]
    public void Officer_on_foot_covers_the_route_at_walking_speed()
    {
        var graph = new TestNetwork()
            .Road("street", 10, oneWay: false, (0, 0), (1000, 0))
            .Build();
        var recommender = new Recommender(TestNetwork.Projection, roads: graph);
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("pcso", UnitType.Pcso, 140, 0)
            .Add("car", UnitType.ResponseCar, 800, 0);

        var result = recommender.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 5);

        // pcso: 140 m at 1.4 m/s = 100 s; car: 800 m at 10 m/s = 80 s.
        Assert.Equal(["car", "pcso"], result.Units.Select(u => u.UnitId));
        Assert.Equal(80, result.Units[0].EtaSeconds, Tolerance);
        Assert.Equal(100, result.Units[1].EtaSeconds, Tolerance);
    }

    [Fact]
    public void Recommendation_carries_crew_and_skills()
    {
        var skills = Skills(("dog handler", null));
        var fleet = new Fleet(TestNetwork.Projection)
            .Add("dog", UnitType.DogUnit, 100, 0, u => u with { Skills = skills, Crew = ["PC 1234 Patel"] });

        var offered = Assert.Single(StraightLine.Recommend(fleet.Incident(0, 0), fleet.Units, fleet.Index, count: 1).Units);

        Assert.Equal(["PC 1234 Patel"], offered.Crew);
        Assert.Same(skills, offered.Skills);
        Assert.Equal(UnitType.DogUnit, offered.Type);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Recommender(TestNetwork.Projection, new RecommenderOptions { DetourFactor = 0.5 }));
        Assert.Equal("DetourFactor", error.ParamName);

        var missing = Assert.Throws<InvalidOperationException>(() =>
            new Recommender(TestNetwork.Projection, new RecommenderOptions { Speeds = new Dictionary<UnitType, double>() }));
        Assert.Contains("Speeds", missing.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, DateTimeOffset?> Skills(params (string Name, DateTimeOffset? Expiry)[] skills) =>
        skills.ToDictionary(s => s.Name, s => s.Expiry);
}
