using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>The last unit cleared (or nobody could be sent for hours): the incident is closed.</summary>
internal sealed record IncidentClosed(DateTimeOffset At, SimIncident Incident) : WorldEvent(At);
