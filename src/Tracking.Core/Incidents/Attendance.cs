namespace Tracking.Core.Incidents;

/// <summary>
/// One unit's part in one incident: when it was assigned, when its track reached the scene, and
/// whether it went without being sent (self-deployed).
/// </summary>
/// <param name="IncidentId">The incident.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="AssignedAt">When a dispatcher assigned it (UTC), or null when it self-deployed.</param>
/// <param name="ArrivedAt">The device time of the first fix inside the incident's radius, or null while en route.</param>
/// <param name="SelfDeployed">True when it arrived at the open incident without having been assigned.</param>
public sealed record Attendance(
    string IncidentId,
    string UnitId,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? ArrivedAt,
    bool SelfDeployed);
