using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>A unit reached an incident's location.</summary>
internal sealed record UnitArrived(DateTimeOffset At, string UnitId, SimIncident Incident, bool SelfDeployed) : WorldEvent(At);
