using Tracking.Core.Dispatch;
using Tracking.Core.Incidents;

namespace Tracking.Server.Command;

/// <summary>An incident with who was sent, who arrived and how fast.</summary>
internal sealed record IncidentView(
    string Id,
    int Grade,
    string Type,
    GeoPoint Location,
    IReadOnlyList<string> RequiredSkills,
    UnitType? VehicleType,
    DateTimeOffset CreatedAt,
    IncidentStatus Status,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<Attendance> Attendances,
    ResponseView Response,
    int UnitsAssigned,
    int UnitsArrived,
    bool MultipleDeployment)
{
    public static IncidentView Of(Incident incident, IReadOnlyList<Attendance> attendances, ResponseTime response, DateTimeOffset now)
    {
        var assigned = attendances.Count(a => a.AssignedAt is not null);
        var arrived = attendances.Count(a => a.ArrivedAt is not null);
        return new IncidentView(
            incident.Id, (int)incident.Grade, incident.Type, GeoPoint.Of(incident.Longitude, incident.Latitude), incident.RequiredSkills,
            incident.VehicleType, incident.CreatedAt, incident.Status, incident.ClosedAt, attendances,
            new ResponseView(
                response.ToAssigned?.TotalSeconds, response.ToArrived?.TotalSeconds, response.Target?.TotalSeconds, response.Rural,
                response.Met(incident.CreatedAt, incident.ClosedAt is { } closed && closed < now ? closed : now)),
            assigned, arrived, arrived > assigned);
    }
}

/// <summary>Response time in seconds from creation, the target, and whether it was met (null while still open to meet, or without target).</summary>
internal sealed record ResponseView(double? ToAssignedSeconds, double? ToArrivedSeconds, double? TargetSeconds, bool Rural, bool? Met);
