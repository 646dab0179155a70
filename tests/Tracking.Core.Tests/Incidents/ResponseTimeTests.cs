using Tracking.Core.Incidents;

namespace Tracking.Core.Tests.Incidents;

public class ResponseTimeTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 27, 23, 50, 0, TimeSpan.Zero);

    private static Incident Incident(Grade grade) => new("INC-1", grade, "Assault", -1.13, 52.63, [], null, Created, IncidentStatus.Open, null);

    [Fact]
    public void Response_time_runs_from_creation_to_the_first_unit_at_the_scene_sent_or_not()
    {
        Attendance[] attendances =
        [
            new("INC-1", "LR21", Created.AddMinutes(2), Created.AddMinutes(14), false),
            new("INC-1", "LR22", Created.AddMinutes(1), null, false),
            new("INC-1", "LR30", null, Created.AddMinutes(9), true),
            new("INC-9", "LR40", Created, Created, false),
        ];

        var response = ResponseTime.Of(Incident(Grade.Emergency), attendances, new ResponseTargets(), rural: false);

        Assert.Equal(TimeSpan.FromMinutes(1), response.ToAssigned);
        Assert.Equal(TimeSpan.FromMinutes(9), response.ToArrived);
        Assert.Equal(TimeSpan.FromMinutes(15), response.Target);
        Assert.True(response.Met(Created, Created.AddHours(1)));
    }

    [Theory]
    [InlineData(Grade.Emergency, false, 15)]
    [InlineData(Grade.Emergency, true, 20)]
    [InlineData(Grade.Priority, false, 60)]
    [InlineData(Grade.Priority, true, 60)]
    public void Default_targets_are_those_of_the_grades(Grade grade, bool rural, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), new ResponseTargets().For(grade, rural));

    [Fact]
    public void A_scheduled_incident_has_no_target_by_default()
    {
        var response = ResponseTime.Of(Incident(Grade.Scheduled), [], new ResponseTargets(), rural: false);

        Assert.Null(response.Target);
        Assert.Null(response.Met(Created, Created.AddDays(3)));
    }

    [Fact]
    public void Arriving_exactly_on_target_meets_it_and_one_second_later_misses_it()
    {
        var onTime = ResponseTime.Of(Incident(Grade.Emergency), [new("INC-1", "LR21", Created, Created.AddMinutes(15), false)], new ResponseTargets(), false);
        var late = ResponseTime.Of(Incident(Grade.Emergency), [new("INC-1", "LR21", Created, Created.AddMinutes(15).AddSeconds(1), false)], new ResponseTargets(), false);

        Assert.True(onTime.Met(Created, Created.AddHours(1)));
        Assert.False(late.Met(Created, Created.AddHours(1)));
    }

    [Fact]
    public void Nobody_there_is_undecided_until_the_target_passes_then_missed()
    {
        var response = ResponseTime.Of(Incident(Grade.Priority), [new("INC-1", "LR21", Created, null, false)], new ResponseTargets(), false);

        Assert.Null(response.ToArrived);
        Assert.Null(response.Met(Created, Created.AddMinutes(60)));
        Assert.False(response.Met(Created, Created.AddMinutes(61)));
    }
}
