namespace Tracking.Core.Incidents;

/// <summary>A unit reached an incident.</summary>
/// <param name="Kind">Sent or self-deployed.</param>
/// <param name="IncidentId">The incident.</param>
/// <param name="UnitId">The unit.</param>
/// <param name="ArrivedAt">Device time of the unit's first fix inside the radius (UTC).</param>
public sealed record SceneEvent(SceneEventKind Kind, string IncidentId, string UnitId, DateTimeOffset ArrivedAt);
