using Tracking.Core.Dispatch;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// What a view's clients have yet to get between two of their frames, or a client still receiving an earlier frame
/// has missed, coalesced: the latest state of each marker, incident and alarm, the markers that left the view, and the
/// dispatches in order (at most <see cref="DispatchCapacity"/>, the oldest dropped first). Bounded by the number of
/// markers, incidents and alarms there are, however long the client lags. Not thread-safe: owned by the broadcaster's loop.
/// </summary>
/// <remarks>
/// A marker's latest state goes out in full or as a move entry (<see cref="LiveFrame.Moved"/>), and a move entry is
/// right only on top of the state the client last had. So a marker stays a move only while every change coalesced
/// into it was a move: once any of them needed it in full (new to the view, a status, a marker that left and came
/// back) it is sent in full, whatever moves follow, until it is taken.
/// </remarks>
internal sealed class ClientBacklog
{
    public const int DispatchCapacity = 1_000;

    private readonly Dictionary<string, PendingMarker> _units = new(StringComparer.Ordinal);
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentView> _incidents = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Alarm> _alarms = [];
    private readonly Queue<DispatchMessage> _dispatches = new();

    public bool IsEmpty => _units.Count == 0 && _removed.Count == 0 && _incidents.Count == 0 && _alarms.Count == 0 && _dispatches.Count == 0;

    /// <summary>Adds a frame the client could not be sent; returns how many earlier updates it made obsolete or pushed out.</summary>
    public int Add(LiveFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var dropped = 0;
        foreach (var marker in frame.Units)
        {
            dropped += AddUnit(marker);
        }

        foreach (var marker in frame.Moved)
        {
            dropped += AddMove(marker);
        }

        foreach (var id in frame.Removed)
        {
            dropped += AddRemoved(id);
        }

        foreach (var incident in frame.Incidents)
        {
            dropped += AddIncident(incident);
        }

        foreach (var alarm in frame.Alarms)
        {
            dropped += AddAlarm(alarm);
        }

        foreach (var dispatch in frame.Dispatches)
        {
            dropped += AddDispatch(dispatch);
        }

        return dropped;
    }

    /// <summary>A marker's latest state, to be sent in full; returns 1 when it replaced an earlier one.</summary>
    public int AddUnit(PreparedMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        _removed.Remove(marker.Id);
        var replaced = _units.ContainsKey(marker.Id) ? 1 : 0;
        _units[marker.Id] = new PendingMarker(marker, Full: true);
        return replaced;
    }

    /// <summary>
    /// A marker's latest state that only moved since the state before it; sent as a move entry unless an earlier
    /// change still waiting needs it in full, or it left the view meanwhile (then it came back, and a client that
    /// removed it needs it in full). Returns 1 when it replaced an earlier state.
    /// </summary>
    public int AddMove(PreparedMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var cameBack = _removed.Remove(marker.Id);
        var replaced = _units.TryGetValue(marker.Id, out var earlier);
        _units[marker.Id] = new PendingMarker(marker, Full: cameBack || (replaced && earlier.Full));
        return replaced ? 1 : 0;
    }

    /// <summary>A marker that left the view; returns 1 when it replaced a state not yet sent.</summary>
    public int AddRemoved(string id)
    {
        var replaced = _units.Remove(id) ? 1 : 0;
        _removed.Add(id);
        return replaced;
    }

    public int AddIncident(IncidentView incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var replaced = _incidents.ContainsKey(incident.Id) ? 1 : 0;
        _incidents[incident.Id] = incident;
        return replaced;
    }

    public int AddAlarm(Alarm alarm)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        var replaced = _alarms.ContainsKey(alarm.Id) ? 1 : 0;
        _alarms[alarm.Id] = alarm;
        return replaced;
    }

    /// <summary>A dispatch, after those before it; returns 1 when the oldest had to go to keep the bound.</summary>
    public int AddDispatch(DispatchMessage dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        var dropped = 0;
        if (_dispatches.Count == DispatchCapacity)
        {
            _dispatches.Dequeue();
            dropped = 1;
        }

        _dispatches.Enqueue(dispatch);
        return dropped;
    }

    /// <summary>Everything pending as one frame, and empties the backlog.</summary>
    public LiveFrame Take(DateTimeOffset time)
    {
        var units = new List<PreparedMarker>();
        var moved = new List<PreparedMarker>(_units.Count);
        foreach (var (marker, full) in _units.Values)
        {
            (full ? units : moved).Add(marker);
        }

        var frame = new LiveFrame(time, units, moved, [.. _removed], [.. _incidents.Values], [.. _alarms.Values], [.. _dispatches]);
        Clear();
        return frame;
    }

    public void Clear()
    {
        _units.Clear();
        _removed.Clear();
        _incidents.Clear();
        _alarms.Clear();
        _dispatches.Clear();
    }

    /// <summary>A marker's latest state, and whether it must go in full (else as a move entry).</summary>
    private readonly record struct PendingMarker(PreparedMarker Marker, bool Full);
}
