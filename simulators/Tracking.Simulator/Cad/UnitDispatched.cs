using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>A unit set off for an incident, sent or self-deployed.</summary>
internal sealed record UnitDispatched(DateTimeOffset At, string UnitId, SimIncident Incident, DispatchSource Source) : WorldEvent(At);
