using Tracking.Core.Dispatch;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// The hub's <c>frame</c>: what changed since the client's last frame, coalesced (the latest state of a marker,
/// incident or alarm wins). Sent empty only as a heartbeat, when a client got nothing for a while. Written by
/// <see cref="PayloadWriter"/> as <c>{"time", "units": [UnitMarker], "moved": [{"id", "longitude", "latitude",
/// "heading", "speed", "time"}], "removed": [id], "incidents": [IncidentView], "alarms": [Alarm], "dispatches":
/// [DispatchMessage]}</c>. A marker is in at most one of <paramref name="Units"/>, <paramref name="Moved"/> and
/// <paramref name="Removed"/>.
/// </summary>
/// <param name="Time">When it was made (UTC).</param>
/// <param name="Units">
/// Markers sent in full: new to the view (came into it, or came back after leaving it), or with anything but their place
/// changed since the client's last frame, a status say, even if they also moved.
/// </param>
/// <param name="Moved">
/// Markers that only moved since the client's last frame (position, heading, speed and time; everything else as the
/// client holds it), sent as move entries. Only for markers the client holds in full already, from its snapshot or an
/// earlier frame.
/// </param>
/// <param name="Removed">Ids of markers that left the view (moved out of the box, or a unit that went away).</param>
/// <param name="Incidents">Incidents that changed, opened or closed (a closed one has status closed).</param>
/// <param name="Alarms">Alarms raised or cleared (a cleared one has <c>clearedAt</c>).</param>
/// <param name="Dispatches">Units sent to incidents, in order.</param>
internal sealed record LiveFrame(
    DateTimeOffset Time,
    IReadOnlyList<PreparedMarker> Units,
    IReadOnlyList<PreparedMarker> Moved,
    IReadOnlyList<string> Removed,
    IReadOnlyList<IncidentView> Incidents,
    IReadOnlyList<Alarm> Alarms,
    IReadOnlyList<DispatchMessage> Dispatches)
{
    /// <summary>A frame that says only "the server is here, nothing changed".</summary>
    public static LiveFrame Heartbeat(DateTimeOffset time) => new(time, [], [], [], [], [], []);
}
