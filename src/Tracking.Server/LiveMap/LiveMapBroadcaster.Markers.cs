using System.Diagnostics;
using Tracking.Core.Duty;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

internal sealed partial class LiveMapBroadcaster
{
    // Every marker by id (a unit's id, or a device's id); a unit wins over a device of the same id.
    private readonly Dictionary<string, PreparedMarker> _markers = new(StringComparer.Ordinal);

    // Since the last tick: markers that changed (with their state at the last tick) and the last states of those gone.
    private readonly Dictionary<string, MarkerChange> _changedMarkers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedMarker> _goneMarkers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deviceMarkers = new(StringComparer.Ordinal);

    private HashSet<string> _unitIds = new(StringComparer.Ordinal);
    private HashSet<string> _polledIds = new(StringComparer.Ordinal);

    // Devices an on-duty unit names (its position's device, its crew's radios).
    private HashSet<string> _unitDevices = new(StringComparer.Ordinal);
    private HashSet<string> _polledDevices = new(StringComparer.Ordinal);

    // The control room's rota as last taken: which devices a unit holds.
    private DutyRota _rota = DutyRota.Empty;
    private bool _markersCurrent;
    private int _markerCount;

    private void MarkDirty(string deviceId)
    {
        if (!_dirtyDevices.ContainsKey(deviceId))
        {
            _dirtyDevices.TryAdd(deviceId, true);
        }
    }

    /// <summary>Brings every marker up to date: the units as the control room has them now, then the devices that reported.</summary>
    private async Task RefreshMarkersAsync(CancellationToken cancellationToken)
    {
        if (!_markersCurrent)
        {
            MarkAllDevicesDirty();
        }

        var asked = Stopwatch.GetTimestamp();
        var units = await _room.UnitsAsync().WaitAsync(cancellationToken);
        _counters.ReadUnits(Stopwatch.GetElapsedTime(asked));
        DiffUnits(units);
        DrainDevices();
        _markersCurrent = true;
        Volatile.Write(ref _markerCount, _markers.Count);
    }

    private void DiffUnits(List<UnitView> units)
    {
        _polledIds.Clear();
        _polledDevices.Clear();
        foreach (var unit in units)
        {
            _polledIds.Add(unit.Id);
            if (unit.OnDuty)
            {
                if (unit.Position?.Device is { } device)
                {
                    _polledDevices.Add(device);
                }

                foreach (var member in unit.Crew)
                {
                    if (member.Radio is { } radio)
                    {
                        _polledDevices.Add(radio);
                    }
                }
            }

            var marker = UnitMarker.Of(unit);
            _markers.TryGetValue(unit.Id, out var held);
            if (held is null || !held.Marker.Equals(marker))
            {
                Changed(held, new PreparedMarker(marker));
            }
        }

        foreach (var id in _unitIds)
        {
            if (!_polledIds.Contains(id))
            {
                Gone(id);
            }
        }

        (_unitIds, _polledIds) = (_polledIds, _unitIds);
        (_unitDevices, _polledDevices) = (_polledDevices, _unitDevices);

        // A device marker whose device now speaks for a unit (or whose id a unit took) is looked at again.
        foreach (var id in _deviceMarkers)
        {
            if (_unitDevices.Contains(id) || _unitIds.Contains(id))
            {
                MarkDirty(id);
            }
        }
    }

    /// <summary>Looks at every device that reported since the last tick.</summary>
    private void DrainDevices()
    {
        foreach (var pair in _dirtyDevices)
        {
            _dirtyDevices.TryRemove(pair.Key, out _);
            LookAtDevice(pair.Key);
        }
    }

    /// <summary>Makes, moves or removes a device's own marker: a device with a marker of its own is one no unit holds.</summary>
    private void LookAtDevice(string deviceId)
    {
        var fix = _live.Get(deviceId);
        var own = fix is not null
            && !_unitIds.Contains(deviceId)
            && !_unitDevices.Contains(deviceId)
            && _rota.Attribute(deviceId, fix.DeviceTime) is null;
        if (own)
        {
            var marker = UnitMarker.Of(fix!);
            _markers.TryGetValue(deviceId, out var held);
            if (held is null || !held.Marker.Equals(marker))
            {
                Changed(held, new PreparedMarker(marker));
            }

            _deviceMarkers.Add(deviceId);
        }
        else if (_deviceMarkers.Remove(deviceId) && _markers.TryGetValue(deviceId, out var held) && held.Marker.Kind == MarkerKind.Device)
        {
            Gone(deviceId);
        }
    }

    /// <summary>A marker's new state; the views compare it with its state at the last tick.</summary>
    private void Changed(PreparedMarker? held, PreparedMarker current)
    {
        _markers[current.Id] = current;
        if (_changedMarkers.TryGetValue(current.Id, out var earlier))
        {
            // Changed twice in one tick: still compared with the state at the last tick.
            held = earlier.Previous;
        }
        else if (_goneMarkers.Remove(current.Id, out var gone))
        {
            held = gone;
        }

        _changedMarkers[current.Id] = new MarkerChange(held, current);
    }

    /// <summary>A marker that went away; the views that showed its last state remove it.</summary>
    private void Gone(string id)
    {
        if (!_markers.Remove(id, out var last))
        {
            return;
        }

        if (_changedMarkers.Remove(id, out var change))
        {
            // New and gone within one tick: no view ever showed it.
            if (change.Previous is null)
            {
                return;
            }

            last = change.Previous;
        }

        _goneMarkers[id] = last;
    }

    /// <summary>Takes the control room's rota when it was re-read: every device is looked at again with it.</summary>
    private void TakeRota()
    {
        var rota = _room.Rota;
        if (ReferenceEquals(rota, _rota))
        {
            return;
        }

        _rota = rota;
        MarkAllDevicesDirty();
    }

    private void MarkAllDevicesDirty()
    {
        foreach (var deviceId in _live.DeviceIds)
        {
            MarkDirty(deviceId);
        }
    }
}
