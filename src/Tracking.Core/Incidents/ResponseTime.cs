namespace Tracking.Core.Incidents;

/// <summary>How an incident was answered: times from its creation to the first assignment and the first arrival, against its target.</summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="ToAssigned">Creation → first assignment, or null when nobody was assigned.</param>
/// <param name="ToArrived">Creation → first unit at the scene (sent or self-deployed), or null when nobody has arrived.</param>
/// <param name="Target">The grade's target for the incident's setting, or null when the grade has none.</param>
/// <param name="Rural">Whether the rural target applied.</param>
public sealed record ResponseTime(string IncidentId, TimeSpan? ToAssigned, TimeSpan? ToArrived, TimeSpan? Target, bool Rural)
{
    /// <summary>
    /// Whether the target was met: true or false once a unit arrived (or once the target has passed
    /// with nobody there: false), null while it still can be, or when there is no target.
    /// </summary>
    public bool? Met(DateTimeOffset createdAt, DateTimeOffset now)
    {
        if (Target is not { } target)
        {
            return null;
        }

        if (ToArrived is { } arrived)
        {
            return arrived <= target;
        }

        return now - createdAt > target ? false : null;
    }

    /// <summary>Works out the response to <paramref name="incident"/> from its attendances.</summary>
    public static ResponseTime Of(Incident incident, IEnumerable<Attendance> attendances, ResponseTargets targets, bool rural)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(attendances);
        ArgumentNullException.ThrowIfNull(targets);
        DateTimeOffset? assigned = null;
        DateTimeOffset? arrived = null;
        foreach (var attendance in attendances)
        {
            if (attendance.IncidentId != incident.Id)
            {
                continue;
            }

            if (attendance.AssignedAt is { } a && (assigned is null || a < assigned))
            {
                assigned = a;
            }

            if (attendance.ArrivedAt is { } r && (arrived is null || r < arrived))
            {
                arrived = r;
            }
        }

        return new ResponseTime(
            incident.Id,
            assigned - incident.CreatedAt,
            arrived - incident.CreatedAt,
            targets.For(incident.Grade, rural),
            rural);
    }
}
