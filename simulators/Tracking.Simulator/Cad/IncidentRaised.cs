using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>A call came in: the incident is open.</summary>
internal sealed record IncidentRaised(DateTimeOffset At, SimIncident Incident) : WorldEvent(At);
