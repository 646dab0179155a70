using Tracking.Core.Dispatch;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// What a client that is still receiving an earlier frame has yet to get, coalesced: the latest state of each
/// marker, incident and alarm, the markers that left its view, and the dispatches in order (at most
/// <see cref="DispatchCapacity"/>, the oldest dropped first). Bounded by the number of markers, incidents and alarms
/// there are, however long the client lags. Not thread-safe: owned by the broadcaster's loop.
/// </summary>
internal sealed class ClientBacklog
{
    public const int DispatchCapacity = 1_000;

    private readonly Dictionary<string, PreparedMarker> _units = new(StringComparer.Ordinal);
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
            _removed.Remove(marker.Id);
            if (_units.ContainsKey(marker.Id))
            {
                dropped++;
            }

            _units[marker.Id] = marker;
        }

        foreach (var id in frame.Removed)
        {
            if (_units.Remove(id))
            {
                dropped++;
            }

            _removed.Add(id);
        }

        foreach (var incident in frame.Incidents)
        {
            if (_incidents.ContainsKey(incident.Id))
            {
                dropped++;
            }

            _incidents[incident.Id] = incident;
        }

        foreach (var alarm in frame.Alarms)
        {
            if (_alarms.ContainsKey(alarm.Id))
            {
                dropped++;
            }

            _alarms[alarm.Id] = alarm;
        }

        foreach (var dispatch in frame.Dispatches)
        {
            if (_dispatches.Count == DispatchCapacity)
            {
                _dispatches.Dequeue();
                dropped++;
            }

            _dispatches.Enqueue(dispatch);
        }

        return dropped;
    }

    /// <summary>Everything pending as one frame, and empties the backlog.</summary>
    public LiveFrame Take(DateTimeOffset time)
    {
        var frame = new LiveFrame(time, [.. _units.Values], [.. _removed], [.. _incidents.Values], [.. _alarms.Values], [.. _dispatches]);
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
}
