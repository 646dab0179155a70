namespace Tracking.Server.LiveMap;

/// <summary>The answer of <c>GET /api/livemap/stats</c>: counts since start.</summary>
/// <param name="Clients">Connections that joined a view.</param>
/// <param name="Views">Distinct views among them (clients of one view share each frame's serialization).</param>
/// <param name="Markers">Markers known: units and devices no unit holds.</param>
/// <param name="FramesSent">Frames handed to clients.</param>
/// <param name="SnapshotsSent">Snapshots handed to clients.</param>
/// <param name="HeartbeatsSent">Empty frames sent to clients that had nothing else for a heartbeat interval.</param>
/// <param name="BytesSent">Payload bytes of frames and snapshots written (JSON or MessagePack, without framing).</param>
/// <param name="FramesDeferred">Times a client was still receiving its previous frame when its view was due; what it missed waits, coalesced.</param>
/// <param name="UpdatesDropped">Updates a slow client never got because a newer state replaced them (or its dispatch backlog was full).</param>
/// <param name="SendFailures">Sends that failed because the connection went away.</param>
/// <param name="ControlRoomEventsDropped">Control-room events lost before the live map read them (the control room's bounded queue per subscriber).</param>
/// <param name="Ticks">Steps of the loop done (each reads what changed and sends the frames of the views that are due).</param>
/// <param name="TickMilliseconds">Time spent in them, all together.</param>
/// <param name="LongestTickMilliseconds">The longest one.</param>
/// <param name="ChangesMilliseconds">Time spent taking what changed (the control room's events, the devices that reported) and giving it to the views.</param>
/// <param name="FanOutMilliseconds">Of the steps' time, making the due views' frames and handing them to SignalR.</param>
internal sealed record LiveMapStats(
    int Clients,
    int Views,
    int Markers,
    long FramesSent,
    long SnapshotsSent,
    long HeartbeatsSent,
    long BytesSent,
    long FramesDeferred,
    long UpdatesDropped,
    long SendFailures,
    long ControlRoomEventsDropped,
    long Ticks,
    double TickMilliseconds,
    double LongestTickMilliseconds,
    double ChangesMilliseconds,
    double FanOutMilliseconds);
