namespace Tracking.Core.Analytics;

/// <summary>One micro-beat's demand (incidents created there) against the patrol presence it had.</summary>
/// <param name="Beat">The beat.</param>
/// <param name="Name">Its name.</param>
/// <param name="Incidents">Incidents created in the beat in the period.</param>
/// <param name="PresenceMinutes">Patrol presence in the beat in the period (stays that began in it).</param>
/// <param name="IncidentsPerPresenceHour">Incidents ÷ presence hours; null with no presence.</param>
public sealed record DemandRow(string Beat, string Name, int Incidents, double PresenceMinutes, double? IncidentsPerPresenceHour);
