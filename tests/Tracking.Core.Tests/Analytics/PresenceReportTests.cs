using Tracking.Core.Analytics;
using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Patrol;
using Tracking.Core.Resources;

namespace Tracking.Core.Tests.Analytics;

public class PresenceReportTests
{
    // Saturday 28 March 2026 (GMT) and Sunday 29 March, the day the clocks go forward (23 hours: 00:00 GMT to 23:00 UTC).
    private static readonly DateTimeOffset Saturday = new(2026, 3, 28, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Monday = new(2026, 3, 29, 23, 0, 0, TimeSpan.Zero);

    private static readonly PresenceReportArea Park = new("location:PARK", "location", "PARK", "Victoria Park", new PresenceTargets(2, 30));

    // Late shift of LR21 until Saturday 22:00 UTC, night shift of LR22 from 22:00 with the same car; LR40 walks.
    private static readonly DutyRota Rota = new(
    [
        new Shift("late", "LR21", Saturday.AddHours(14), Saturday.AddHours(22), "veh-1", [new CrewMember("4521", "radio-1")]),
        new Shift("night", "LR22", Saturday.AddHours(22), Saturday.AddHours(30), "veh-1", [new CrewMember("5310", "radio-2")]),
        new Shift("foot", "LR40", Saturday.AddHours(8), Saturday.AddHours(16), null, [new CrewMember("6001", "radio-3")]),
    ]);

    private static readonly Dictionary<string, Unit> Units = new()
    {
        ["LR21"] = new Unit("LR21", "Lima Romeo 21", UnitType.ResponseCar, "S01", "Response A"),
        ["LR22"] = new Unit("LR22", "Lima Romeo 22", UnitType.ResponseCar, "S01", "Response B"),
        ["LR40"] = new Unit("LR40", "Lima Romeo 40", UnitType.FootPatrol, "S01", "Neighbourhood"),
    };

    private static Stay Stay(string device, DateTimeOffset enter, double minutes, bool visit = true) =>
        new(device, Park.Key, enter, enter.AddMinutes(minutes), minutes * 60, visit);

    private static readonly Stay[] Stays =
    [
        Stay("radio-3", Saturday.AddHours(10), 20),                 // foot, Saturday
        Stay("veh-1", Saturday.AddHours(21).AddMinutes(55), 10),    // LR21's car, late shift: begins 21:55
        Stay("veh-1", Saturday.AddHours(22), 5),                    // the same car from 22:00 is LR22's (night shift)
        Stay("veh-1", Saturday.AddHours(23).AddMinutes(58), 4),     // night shift, crosses midnight: counts on Saturday
        Stay("veh-1", Saturday.AddHours(25), 0.5, visit: false),    // Sunday 01:00 GMT: a pass
        Stay("unknown-dev", Saturday.AddHours(26), 12),             // Sunday, a device no shift gives out
    ];

    private static List<PresenceRow> Build(PresenceGrouping grouping) =>
        PresenceReport.Build(Stays, [Park], Rota, Units, LocalCalendar.London, Saturday, Monday, grouping);

    [Fact]
    public void Over_two_whole_days_the_targets_double_and_the_worst_share_rates_the_place()
    {
        var row = Assert.Single(Build(PresenceGrouping.None));

        Assert.Equal((5, 1), (row.Visits, row.Passes));
        Assert.Equal(20 + 10 + 5 + 4 + 0.5 + 12, row.PresenceMinutes, 9);
        Assert.Equal((4.0, 60.0), (row.TargetVisits!.Value, row.TargetMinutes!.Value));
        // 5 of 4 visits, 51.5 of 60 minutes (86%): amber.
        Assert.Equal(TargetStatus.Amber, row.Status);
    }

    [Fact]
    public void By_day_a_stay_counts_on_the_local_day_it_began_including_the_23_hour_day()
    {
        var rows = Build(PresenceGrouping.Day);

        Assert.Equal(["2026-03-28", "2026-03-29"], rows.Select(r => r.Group));
        Assert.Equal((4, 39.0), (rows[0].Visits, rows[0].PresenceMinutes));
        Assert.Equal(TargetStatus.Green, rows[0].Status);
        Assert.Equal((1, 1, 12.5), (rows[1].Visits, rows[1].Passes, rows[1].PresenceMinutes));
        Assert.Equal(TargetStatus.Red, rows[1].Status);
    }

    [Fact]
    public void By_shift_the_car_belongs_to_the_shift_that_had_it_when_the_stay_began()
    {
        var rows = Build(PresenceGrouping.Shift).ToDictionary(r => r.Group!);

        Assert.Equal(1, rows["late"].Visits);
        Assert.Equal((2, 1), (rows["night"].Visits, rows["night"].Passes));
        Assert.Equal(1, rows["foot"].Visits);
        Assert.Equal(1, rows[PresenceReport.NoShift].Visits);
        Assert.All(rows.Values, r => Assert.Equal(TargetStatus.None, r.Status));
    }

    [Fact]
    public void By_team_and_by_mode()
    {
        var teams = Build(PresenceGrouping.Team).ToDictionary(r => r.Group!, r => r.Visits);
        var modes = Build(PresenceGrouping.Mode).ToDictionary(r => r.Group!, r => r.PresenceMinutes);

        Assert.Equal(1, teams["Response A"]);
        Assert.Equal(2, teams["Response B"]);
        Assert.Equal(1, teams["Neighbourhood"]);
        Assert.Equal(10 + 5 + 4 + 0.5, modes["vehicle"], 9);
        Assert.Equal(20, modes["foot"]);
    }

    [Fact]
    public void By_mode_a_phones_stay_is_on_foot_like_a_radios()
    {
        var rota = new DutyRota(
        [
            new Shift("foot", "LR40", Saturday.AddHours(8), Saturday.AddHours(16), null, [new CrewMember("6001", PhoneDeviceId: "phone-1")]),
            new Shift("late", "LR21", Saturday.AddHours(14), Saturday.AddHours(22), "veh-1", [new CrewMember("4521", "radio-1", "phone-2")]),
        ]);
        Stay[] stays = [Stay("phone-1", Saturday.AddHours(10), 20), Stay("phone-2", Saturday.AddHours(15), 7), Stay("veh-1", Saturday.AddHours(15), 3)];

        var modes = PresenceReport.Build(stays, [Park], rota, Units, LocalCalendar.London, Saturday, Monday, PresenceGrouping.Mode)
            .ToDictionary(r => r.Group!, r => r.PresenceMinutes);

        Assert.Equal(20 + 7, modes["foot"], 9);
        Assert.Equal(3, modes["vehicle"], 9);
    }

    [Fact]
    public void A_period_that_does_not_cover_a_whole_day_has_no_target()
    {
        var row = Assert.Single(PresenceReport.Build(Stays, [Park], Rota, Units, LocalCalendar.London, Saturday.AddHours(9), Saturday.AddHours(12), PresenceGrouping.None));

        Assert.Equal(1, row.Visits);
        Assert.Null(row.TargetVisits);
        Assert.Equal(TargetStatus.None, row.Status);
    }
}
