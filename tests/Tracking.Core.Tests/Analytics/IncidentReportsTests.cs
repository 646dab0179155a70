using Tracking.Core.Analytics;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Incidents;
using Tracking.Core.Patrol;
using Tracking.Core.Resources;

namespace Tracking.Core.Tests.Analytics;

public class IncidentReportsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);

    private static Incident Incident(string id, Grade grade, int createdMinute) =>
        new(id, grade, "Assault", -1.13, 52.63, [], null, T0.AddMinutes(createdMinute), IncidentStatus.Open, null);

    private static readonly Incident[] Incidents =
    [
        Incident("A", Grade.Emergency, 0),    // reached after 8 min, beat B1 (station S1)
        Incident("B", Grade.Emergency, 10),   // 12 min, B1
        Incident("C", Grade.Emergency, 20),   // 25 min: missed the urban 15, B2 (S2)
        Incident("D", Grade.Emergency, 30),   // 18 min in a rural beat: within its 20
        Incident("E", Grade.Emergency, 40),   // nobody went; judged two hours on: missed
        Incident("F", Grade.Priority, 0),     // 50 min, B2
    ];

    private static readonly Attendance[] Attendances =
    [
        new("A", "LR21", T0.AddMinutes(1), T0.AddMinutes(8), false),
        new("B", "LR22", T0.AddMinutes(11), T0.AddMinutes(22), false),
        new("B", "LR23", null, T0.AddMinutes(23), true),
        new("C", "LR21", T0.AddMinutes(21), T0.AddMinutes(45), false),
        new("D", "LR40.6001", T0.AddMinutes(31), T0.AddMinutes(48), false),
        new("E", "LR22", T0.AddMinutes(41), null, false),
        new("F", "LR23", T0.AddMinutes(5), T0.AddMinutes(50), false),
    ];

    private static readonly Dictionary<string, IncidentPlace> Places = new()
    {
        ["A"] = new("B1", "S1", false),
        ["B"] = new("B1", "S1", false),
        ["C"] = new("B2", "S2", false),
        ["D"] = new("B3", "S2", true),
        ["E"] = new("B2", "S2", false),
        ["F"] = new("B2", "S2", false),
    };

    private static readonly Dictionary<string, Unit> Units = new()
    {
        ["LR21"] = new Unit("LR21", "21", UnitType.ResponseCar, "S1", "A"),
        ["LR22"] = new Unit("LR22", "22", UnitType.ResponseCar, "S1", "A"),
        ["LR23"] = new Unit("LR23", "23", UnitType.ResponseCar, "S2", "B"),
        ["LR40"] = new Unit("LR40", "40", UnitType.ResponseCar, "S2", "B"),
    };

    [Fact]
    public void Grade_1_response_median_90th_percentile_share_within_target_and_the_misses()
    {
        var rows = ResponseReport.Build(Incidents, Attendances, Places, new ResponseTargets(), T0.AddHours(2));
        var grade1 = rows.Single(r => r.Grade == 1 && r.By == "grade");

        // Reached after 8, 12, 25 and 18 minutes: sorted 8, 12, 18, 25.
        Assert.Equal((5, 4), (grade1.Incidents, grade1.Attended));
        Assert.Equal(15, grade1.MedianMinutes);
        // Rank 0.9 × 3 = 2.7: 18 + 0.7 × (25 − 18) = 22.9.
        Assert.Equal(22.9, grade1.Percentile90Minutes!.Value, 9);
        Assert.Equal(2.0 / 5 + 1.0 / 5, grade1.WithinTarget!.Value, 9);
        Assert.Equal(["C", "E"], grade1.Missed);
        var s2 = rows.Single(r => r.Grade == 1 && r.By == "station" && r.Group == "S2");
        Assert.Equal((3, 1.0 / 3), (s2.Incidents, s2.WithinTarget!.Value));
        Assert.Equal(50, rows.Single(r => r.Grade == 2 && r.By == "grade").MedianMinutes);
    }

    [Fact]
    public void An_unattended_incident_before_its_target_passes_is_neither_met_nor_missed()
    {
        var rows = ResponseReport.Build([Incident("E", Grade.Emergency, 40)], Attendances, Places, new ResponseTargets(), T0.AddMinutes(50));

        var row = rows.Single(r => r.By == "grade");
        Assert.Null(row.WithinTarget);
        Assert.Empty(row.Missed);
    }

    [Fact]
    public void Self_and_multiple_deployments_are_counted_by_unit_and_team()
    {
        var rows = DeploymentReport.Build(Attendances, Units);

        // B: one sent, two arrived → multiple deployment for LR22 and LR23.
        Assert.Contains(new DeploymentRow("unit", "LR23", 2, 1, 1), rows);
        Assert.Contains(new DeploymentRow("unit", "LR22", 1, 0, 1), rows);
        Assert.Contains(new DeploymentRow("unit", "LR40.6001", 1, 0, 0), rows);
        Assert.Contains(new DeploymentRow("team", "A", 3, 0, 1), rows);
        Assert.Contains(new DeploymentRow("team", "B", 3, 1, 1), rows);
    }

    [Fact]
    public void Workload_counts_each_shift_for_its_crew_and_the_Gini_shows_uneven_teams()
    {
        var rota = new DutyRota(
        [
            new Shift("s21", "LR21", T0.AddHours(-2), T0.AddHours(6), "veh-21", [new CrewMember("o1"), new CrewMember("o2")]),
            new Shift("s22", "LR22", T0.AddHours(-2), T0.AddHours(6), "veh-22", [new CrewMember("o3")]),
            new Shift("s23", "LR23", T0.AddHours(-2), T0.AddHours(6), "veh-23", [new CrewMember("o4")]),
            new Shift("s40", "LR40", T0.AddHours(-2), T0.AddHours(6), "veh-40", [new CrewMember("o5"), new CrewMember("o6")]),
        ]);
        var officers = new Dictionary<string, Officer>
        {
            ["o1"] = new("o1", "One", "A"), ["o2"] = new("o2", "Two", "A"), ["o3"] = new("o3", "Three", "A"),
            ["o4"] = new("o4", "Four", "B"), ["o5"] = new("o5", "Five", "B"), ["o6"] = new("o6", "Six", "B"),
        };
        // LR40.6001 is a foot patrol of LR40: with crew o5 and o6, officer 6001 is not on it, so it counts for no officer.
        var attendances = Attendances.Append(new Attendance("F", "LR40.o5", null, T0.AddMinutes(55), true)).ToList();

        var (rows, teams) = WorkloadReport.Build(attendances, rota, officers, Units);

        Assert.Contains(new WorkloadRow("s21", "unit", "LR21", "A", 2), rows);
        Assert.Contains(new WorkloadRow("s21", "officer", "o1", "A", 2), rows);
        Assert.Contains(new WorkloadRow("s40", "officer", "o5", "B", 1), rows);
        Assert.DoesNotContain(rows, r => r.Id == "o6");
        // Team A: o1 2, o2 2, o3 1 → Σ|xi−xj| = 2·(0+1+1) = 4; 2n²μ = 2·9·(5/3) = 30 → 0.1333.
        var a = teams.Single(t => t.Team == "A");
        Assert.Equal((3, 5), (a.Officers, a.Attended));
        Assert.Equal(4.0 / 30, a.Gini!.Value, 9);
        // Team B: o4 2 (F and B), o5 1, o6 0 → Σ|xi−xj| = 2·(1+2+1) = 8; 2·9·1 = 18.
        Assert.Equal(8.0 / 18, teams.Single(t => t.Team == "B").Gini!.Value, 9);
    }

    [Fact]
    public void Demand_against_presence_per_beat()
    {
        Stay[] stays =
        [
            new("veh-21", AreaKeys.Beat("B1"), T0, T0.AddMinutes(30), 1800, true),
            new("veh-22", AreaKeys.Beat("B1"), T0.AddHours(1), T0.AddHours(1.5), 1800, true),
            new("veh-22", AreaKeys.Beat("B2"), T0.AddDays(-3), T0.AddDays(-3).AddHours(1), 3600, true),
        ];

        var rows = DemandReport.Build([("B1", "Castle"), ("B2", "Clarendon"), ("B3", "Rural")], Places.Values.Select(p => p.Beat), stays, T0.AddHours(-1), T0.AddHours(3));

        Assert.Equal(new DemandRow("B1", "Castle", 2, 60, 2), rows[0]);
        Assert.Equal(new DemandRow("B2", "Clarendon", 3, 0, null), rows[1]);
        Assert.Equal(new DemandRow("B3", "Rural", 1, 0, null), rows[2]);
    }

    [Fact]
    public void Under_used_vehicles_are_those_moving_less_than_the_threshold_a_day_a_vehicle_with_no_track_too()
    {
        var day = new DateOnly(2026, 11, 27);
        var use = new Dictionary<string, List<VehicleDay>>
        {
            ["veh-21"] = [new VehicleDay(day, 80_000, 4 * 3600, 3600, 7200)],
            ["veh-22"] = [new VehicleDay(day, 5_000, 0.5 * 3600, 600, 20_000)],
        };
        var vehicles = new Dictionary<string, string?> { ["veh-21"] = "FX21 AAA", ["veh-22"] = "FX22 BBB", ["veh-23"] = null };
        var shift = new Shift("s21", "LR21", LocalCalendar.London.Start(day).AddHours(7), LocalCalendar.London.Start(day).AddHours(15), "veh-21", []);

        var (days, underUsed) = MileageReport.Build(vehicles, use, [shift], LocalCalendar.London, LocalCalendar.London.Start(day), LocalCalendar.London.End(day), 1);

        Assert.Equal(new MileageRow("veh-21", "FX21 AAA", day, 80, 4, 1, 2, 1), days[0]);
        Assert.Equal(["veh-23", "veh-22"], underUsed.Select(u => u.Vehicle));
        Assert.Equal(0.5, underUsed[1].MovingHoursPerDay);
    }
}
