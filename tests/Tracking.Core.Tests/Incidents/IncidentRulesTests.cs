using Tracking.Core.Dispatch;
using Tracking.Core.Incidents;

namespace Tracking.Core.Tests.Incidents;

public class IncidentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 21, 0, 0, TimeSpan.Zero);

    private static Incident Valid() => new("INC-000123", Grade.Emergency, "Burglary in progress", -1.1332, 52.6369, ["firearms"],
        UnitType.ArmedResponseVehicle, Now.AddMinutes(-1), IncidentStatus.Open, null);

    [Fact]
    public void A_well_formed_incident_has_no_problems() => Assert.Empty(IncidentRules.Problems(Valid(), Now));

    [Fact]
    public void Every_problem_is_named_by_its_field()
    {
        var incident = Valid() with
        {
            Id = "INC 1; DROP TABLE incidents",
            Grade = (Grade)4,
            Type = "",
            Latitude = 91,
            CreatedAt = Now.AddMinutes(6),
            Status = IncidentStatus.Closed,
        };

        var problems = IncidentRules.Problems(incident, Now);

        Assert.Equal(["id", "grade", "type", "location", "createdAt", "closedAt"], problems.Select(p => p.Split(':')[0]));
    }

    [Fact]
    public void Zero_zero_is_not_a_place() =>
        Assert.StartsWith("location", Assert.Single(IncidentRules.Problems(Valid() with { Latitude = 0, Longitude = 0 }, Now)), StringComparison.Ordinal);

    [Fact]
    public void Only_a_closed_incident_has_a_closing_time_and_it_is_not_before_creation()
    {
        Assert.Single(IncidentRules.Problems(Valid() with { ClosedAt = Now }, Now));
        Assert.Single(IncidentRules.Problems(Valid() with { Status = IncidentStatus.Closed, ClosedAt = Now.AddHours(-1) }, Now));
        Assert.Empty(IncidentRules.Problems(Valid() with { Status = IncidentStatus.Closed, ClosedAt = Now }, Now));
    }

    [Fact]
    public void Over_long_types_and_skills_are_refused()
    {
        Assert.Single(IncidentRules.Problems(Valid() with { Type = new string('x', 201) }, Now));
        Assert.Single(IncidentRules.Problems(Valid() with { RequiredSkills = [new string('s', 65)] }, Now));
        Assert.Single(IncidentRules.Problems(Valid() with { RequiredSkills = [.. Enumerable.Repeat("taser", 21)] }, Now));
    }
}
