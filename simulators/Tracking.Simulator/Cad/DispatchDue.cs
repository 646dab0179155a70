using Tracking.Simulator.Fleet;

namespace Tracking.Simulator.Cad;

/// <summary>
/// The dispatcher gets to the incident: time to ask the server for recommendations and assign one. Raised only when
/// dispatching goes through the server; the runner answers with <see cref="World.Dispatch"/> or <see cref="World.DispatchInternally"/>.
/// </summary>
internal sealed record DispatchDue(DateTimeOffset At, SimIncident Incident) : WorldEvent(At);
