using System.Diagnostics;
using Tracking.Core.Duty;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

internal sealed partial class LiveMapBroadcaster
{
    private static readonly TimeSpan RotaWindowBefore = TimeSpan.FromDays(1);
    private static readonly TimeSpan RotaWindowAfter = TimeSpan.FromDays(2);
    private static readonly TimeSpan RotaRetry = TimeSpan.FromSeconds(5);

    // Every marker by id (a unit's id, or a device's id); a unit wins over a device of the same id.
    private readonly Dictionary<string, PreparedMarker> _markers = new(StringComparer.Ordinal);

    // Since the last tick: markers that changed (with their state at the last tick) and the last states of those gone.
    private readonly Dictionary<string, MarkerChange> _changedMarkers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedMarker> _goneMarkers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deviceMarkers = new(StringComparer.Ordinal);
    private readonly List<string> _deferredDevices = [];
    private readonly HashSet<string> _shiftsAsked = new(StringComparer.Ordinal);

    private HashSet<string> _unitIds = new(StringComparer.Ordinal);
    private HashSet<string> _polledIds = new(StringComparer.Ordinal);

    // Devices an on-duty unit names (its position's device, its crew's radios): held whatever the rota read says.
    private HashSet<string> _unitDevices = new(StringComparer.Ordinal);
    private HashSet<string> _polledDevices = new(StringComparer.Ordinal);

    private DutyRota _rota = DutyRota.Empty;
    private HashSet<string> _rotaShifts = new(StringComparer.Ordinal);
    private Task<DutyRota>? _rotaLoad;
    private bool _rotaWanted;
    private bool _rotaFailing;
    private DateTimeOffset _nextRotaRefresh;
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
    private async Task RefreshMarkersAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!_markersCurrent)
        {
            foreach (var fix in _live.Snapshot())
            {
                MarkDirty(fix.DeviceId);
            }
        }

        var asked = Stopwatch.GetTimestamp();
        var units = await _room.UnitsAsync().WaitAsync(cancellationToken);
        _counters.ReadUnits(Stopwatch.GetElapsedTime(asked));
        DiffUnits(units);
        if (_rotaWanted && _rotaLoad is null)
        {
            StartRotaLoad(now);
        }

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
                if (unit.Shift is { } shift && !_rotaShifts.Contains(shift) && _shiftsAsked.Add(shift))
                {
                    _rotaWanted = true;
                }

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

    /// <summary>
    /// Looks at every device that reported since the last tick. While a rota read is in progress a device that has
    /// no marker yet waits for it, so a unit's new device does not flash up as a device of its own.
    /// </summary>
    private void DrainDevices()
    {
        var waitForRota = _rotaLoad is not null;
        foreach (var pair in _dirtyDevices)
        {
            _dirtyDevices.TryRemove(pair.Key, out _);
            if (!LookAtDevice(pair.Key, waitForRota))
            {
                _deferredDevices.Add(pair.Key);
            }
        }

        foreach (var id in _deferredDevices)
        {
            MarkDirty(id);
        }

        _deferredDevices.Clear();
    }

    /// <summary>Makes, moves or removes a device's own marker; false when it must wait for the rota.</summary>
    private bool LookAtDevice(string deviceId, bool waitForRota)
    {
        var fix = _live.Get(deviceId);
        var own = fix is not null
            && !_unitIds.Contains(deviceId)
            && !_unitDevices.Contains(deviceId)
            && _rota.Attribute(deviceId, fix.DeviceTime) is null;
        if (own)
        {
            if (waitForRota && !_deviceMarkers.Contains(deviceId))
            {
                return false;
            }

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

        return true;
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

    private void StartRotaLoad(DateTimeOffset now)
    {
        _rotaWanted = false;
        _nextRotaRefresh = now + _options.RotaRefreshInterval;
        _rotaLoad = LoadRotaAsync(now, _stopping);
    }

    private async Task<DutyRota> LoadRotaAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        new(await _reference.ListShiftsAsync(now - RotaWindowBefore, now + RotaWindowAfter, cancellationToken));

    /// <summary>Takes a finished rota read: every device is looked at again with it.</summary>
    private void TakeRota()
    {
        if (_rotaLoad is not { IsCompleted: true } load)
        {
            return;
        }

        _rotaLoad = null;
        if (!load.IsCompletedSuccessfully)
        {
            _nextRotaRefresh = _time.GetUtcNow() + RotaRetry;
            if (!_rotaFailing && !_stopping.IsCancellationRequested)
            {
                _rotaFailing = true;
                LogRotaFailed(_logger, load.Exception?.GetBaseException(), RotaRetry.TotalSeconds);
            }

            return;
        }

        _rotaFailing = false;
        _rota = load.Result;
        _rotaShifts = new HashSet<string>(_rota.Shifts.Select(s => s.Id), StringComparer.Ordinal);
        _shiftsAsked.Clear();
        foreach (var fix in _live.Snapshot())
        {
            MarkDirty(fix.DeviceId);
        }
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning,
        Message = "The live map cannot read the rota; devices keep the attribution of the last read; trying again in {Seconds} s")]
    private static partial void LogRotaFailed(ILogger logger, Exception? exception, double seconds);
}
