using Tracking.Core.Resources;
using Tracking.Core.Validation;

namespace Tracking.Core.Incidents;

/// <summary>What makes an incident acceptable; every problem is named so command and control can fix its message.</summary>
public static class IncidentRules
{
    /// <summary>Longest incident type accepted.</summary>
    public const int MaxTypeLength = 200;

    /// <summary>Most required skills accepted.</summary>
    public const int MaxSkills = 20;

    /// <summary>Longest skill name accepted.</summary>
    public const int MaxSkillLength = 64;

    /// <summary>How far ahead of the server clock a creation time may be (clocks differ a little).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with <paramref name="incident"/> as of <paramref name="now"/>; empty when it is acceptable.</summary>
    public static List<string> Problems(Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var problems = new List<string>();
        if (!ResourceIds.IsValid(incident.Id))
        {
            problems.Add($"id: must be {ResourceIds.Rule}");
        }

        if (!Enum.IsDefined(incident.Grade))
        {
            problems.Add("grade: must be 1 (emergency), 2 (priority) or 3 (scheduled)");
        }

        if (string.IsNullOrWhiteSpace(incident.Type))
        {
            problems.Add("type: required");
        }
        else if (TextRules.Problem(incident.Type, MaxTypeLength) is { } typeProblem)
        {
            problems.Add("type: " + typeProblem);
        }

        if (!double.IsFinite(incident.Latitude) || incident.Latitude is < -90 or > 90
            || !double.IsFinite(incident.Longitude) || incident.Longitude is < -180 or > 180)
        {
            problems.Add("location: coordinates out of range (longitude -180..180, latitude -90..90)");
        }
        else if (incident.Latitude == 0 && incident.Longitude == 0)
        {
            problems.Add("location: 0,0 is not a place (a missing position?)");
        }

        if (incident.RequiredSkills.Count > MaxSkills)
        {
            problems.Add($"requiredSkills: at most {MaxSkills}");
        }

        foreach (var skill in incident.RequiredSkills)
        {
            if (string.IsNullOrWhiteSpace(skill) || TextRules.Problem(skill, MaxSkillLength) is not null)
            {
                problems.Add($"requiredSkills: each must be 1-{MaxSkillLength} characters of valid Unicode without control characters");
                break;
            }
        }

        if (incident.CreatedAt > now + MaxFutureSkew)
        {
            problems.Add("createdAt: more than 5 minutes in the future");
        }

        if (incident.Status == IncidentStatus.Closed)
        {
            if (incident.ClosedAt is not { } closed)
            {
                problems.Add("closedAt: required when status is closed");
            }
            else if (closed < incident.CreatedAt)
            {
                problems.Add("closedAt: before createdAt");
            }
        }
        else if (incident.ClosedAt is not null)
        {
            problems.Add("closedAt: only a closed incident has one");
        }

        return problems;
    }
}
