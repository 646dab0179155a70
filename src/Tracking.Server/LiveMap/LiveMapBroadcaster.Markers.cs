using System.Diagnostics;
using Tracking.Core.Duty;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

internal sealed partial class LiveMapBroadcaster
{
    // Every marker by id (a unit's id, or a device's id); a unit wins over a device of the same id.
    private readonly Dictionary<string, PreparedMarker> _markers = new(StringComparer.Ordinal);

    // Since the last step: markers that changed (with their state at the last step) and the last states of those gone.
    private readonly Dictionary<string, MarkerChange> _changedMarkers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedMarker> _goneMarkers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deviceMarkers = new(StringComparer.Ordinal);

    // Units the control room has, and the devices each on-duty unit names (its position's device, its crew's radios and phones),
    // kept from the control room's events; a device named by any unit has no marker of its own.
    private readonly HashSet<string> _unitIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _devicesOfUnit = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unitsNamingDevice = new(StringComparer.Ordinal);
    private readonly List<string> _namedDevices = [];

    // The control room's rota as last taken: which devices a unit holds.
    private DutyRota _rota = DutyRota.Empty;
    private int _markerCount;

    private void MarkDirty(string deviceId)
    {
        if (!_dirtyDevices.ContainsKey(deviceId))
        {
            _dirtyDevices.TryAdd(deviceId, true);
        }
    }

    /// <summary>Takes every unit as the control room has it now (at start; its events keep them current after that).</summary>
    private async Task LoadUnitsAsync(CancellationToken cancellationToken)
    {
        foreach (var unit in await _room.UnitsAsync().WaitAsync(cancellationToken))
        {
            ApplyUnit(unit);
        }
    }

    /// <summary>A unit as the control room has it now: its marker, and which devices it names.</summary>
    private void ApplyUnit(UnitView unit)
    {
        if (_unitIds.Add(unit.Id))
        {
            // A unit wins over a device of the same id: the unit's marker replaces the device's below.
            _deviceMarkers.Remove(unit.Id);
        }

        NameDevices(unit);
        var marker = UnitMarker.Of(unit);
        _markers.TryGetValue(unit.Id, out var held);
        if (held is null || !held.Marker.Equals(marker))
        {
            Changed(held, new PreparedMarker(marker));
        }
    }

    /// <summary>A unit the control room no longer has: its marker goes, and a device of its id may show itself again.</summary>
    private void RemoveUnit(string unitId)
    {
        if (!_unitIds.Remove(unitId))
        {
            return;
        }

        _namedDevices.Clear();
        SetDevicesOfUnit(unitId);
        Gone(unitId);
        MarkDirty(unitId);
    }

    private void NameDevices(UnitView unit)
    {
        _namedDevices.Clear();
        if (unit.OnDuty)
        {
            NameDevice(unit.Position?.Device);
            foreach (var member in unit.Crew)
            {
                NameDevice(member.Radio);
                NameDevice(member.Phone);
            }
        }

        SetDevicesOfUnit(unit.Id);
    }

    private void NameDevice(string? deviceId)
    {
        if (deviceId is not null && !_namedDevices.Contains(deviceId))
        {
            _namedDevices.Add(deviceId);
        }
    }

    /// <summary>
    /// Makes <see cref="_namedDevices"/> the devices <paramref name="unitId"/> names. A device no unit named before, or
    /// none names now, is looked at again (its own marker goes or comes). Nothing is allocated when they are the same,
    /// which is nearly every move.
    /// </summary>
    private void SetDevicesOfUnit(string unitId)
    {
        var held = _devicesOfUnit.TryGetValue(unitId, out var devices) ? devices : [];
        if (SameDevices(held, _namedDevices))
        {
            return;
        }

        foreach (var device in held)
        {
            if (!_namedDevices.Contains(device))
            {
                var count = _unitsNamingDevice[device] - 1;
                if (count == 0)
                {
                    _unitsNamingDevice.Remove(device);
                    MarkDirty(device);
                }
                else
                {
                    _unitsNamingDevice[device] = count;
                }
            }
        }

        foreach (var device in _namedDevices)
        {
            if (Array.IndexOf(held, device) < 0)
            {
                var count = _unitsNamingDevice.GetValueOrDefault(device) + 1;
                _unitsNamingDevice[device] = count;
                if (count == 1)
                {
                    MarkDirty(device);
                }
            }
        }

        if (_namedDevices.Count == 0)
        {
            _devicesOfUnit.Remove(unitId);
        }
        else
        {
            _devicesOfUnit[unitId] = [.. _namedDevices];
        }
    }

    private static bool SameDevices(string[] held, List<string> named)
    {
        if (held.Length != named.Count)
        {
            return false;
        }

        foreach (var device in held)
        {
            if (!named.Contains(device))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Looks at every device that reported since the last step.</summary>
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
            && !_unitsNamingDevice.ContainsKey(deviceId)
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

    /// <summary>A marker's new state; the views compare it with its state at the last step.</summary>
    private void Changed(PreparedMarker? held, PreparedMarker current)
    {
        _markers[current.Id] = current;
        if (_changedMarkers.TryGetValue(current.Id, out var earlier))
        {
            // Changed twice in one step: still compared with the state at the last step.
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
            // New and gone within one step: no view ever showed it.
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
