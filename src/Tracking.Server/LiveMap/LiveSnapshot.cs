using Tracking.Core.Dispatch;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// The hub's <c>snapshot</c>: everything in a client's view when it joins it: the markers in the view, and every
/// open incident and alarm whatever the view. Frames that follow carry only what changed after it. Written by
/// <see cref="PayloadWriter"/> as <c>{"time", "units": [UnitMarker], "incidents": [IncidentView], "alarms": [Alarm]}</c>.
/// </summary>
/// <param name="Time">When it was taken (UTC).</param>
/// <param name="Units">The markers in the view, by id.</param>
/// <param name="Incidents">Every open incident, oldest first, as <c>GET /api/incidents</c> gives them.</param>
/// <param name="Alarms">Every open alarm, oldest first, as <c>GET /api/alarms</c> gives them.</param>
internal sealed record LiveSnapshot(DateTimeOffset Time, IReadOnlyList<PreparedMarker> Units, IReadOnlyList<IncidentView> Incidents, IReadOnlyList<Alarm> Alarms);
