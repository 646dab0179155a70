using Tracking.Core.Dispatch;
using Tracking.Core.Duty;
using Tracking.Core.Fixes;
using Tracking.Core.Incidents;
using Tracking.Core.Resources;

namespace Tracking.Server.Command;

internal sealed partial class ControlRoom
{
    /// <summary>
    /// Each fix moves the unit the rota gives its device at its time: the vehicle's tracker moves the
    /// unit; a device a crew member carries (radio or phone) moves the unit too, unless it is farther than
    /// <see cref="CommandOptions.DetachDistance"/> from the vehicle's fresh position, when it moves the
    /// officer's own foot patrol. A fix older than the unit's position does not move it back, so an
    /// officer who carries both a radio and a phone is where the latest fix of either puts them: the two
    /// go where the officer goes, so the newer fix is the better guess of where that is now.
    /// </summary>
    private void ProcessPositions(Fix[] batch)
    {
        foreach (var fix in batch)
        {
            if (_deviceLast.TryGetValue(fix.DeviceId, out var last) && last.DeviceTime >= fix.DeviceTime)
            {
                continue;
            }

            _deviceLast[fix.DeviceId] = fix;
            if (_rota.Attribute(fix.DeviceId, fix.DeviceTime) is not { } duty || !_units.TryGetValue(duty.UnitId, out var unit) || unit.Shift is null)
            {
                continue;
            }

            var (x, y) = _projection.Project(fix.Longitude, fix.Latitude);
            var target = unit;
            if (duty.Role.IsCarried() && duty.OfficerId is { } officer)
            {
                target = CarriedTarget(unit, duty, officer, fix, x, y);
            }

            Move(target, fix, x, y);
        }
    }

    /// <summary>Whom a fix from the radio or phone <paramref name="officer"/> carries moves: their unit, or their own foot patrol.</summary>
    private LiveUnit CarriedTarget(LiveUnit unit, DeviceDuty duty, string officer, Fix fix, double x, double y)
    {
        var footId = unit.Id + "." + officer;
        if (duty.Shift.VehicleDeviceId is not { } vehicle || !_deviceLast.TryGetValue(vehicle, out var vehicleFix)
            || (fix.DeviceTime - vehicleFix.DeviceTime).Duration() > _options.StaleAfter)
        {
            // A foot unit, or a vehicle not heard from lately: the carried device speaks for the unit.
            return _units.TryGetValue(footId, out var still) ? still : unit;
        }

        var (vx, vy) = _projection.Project(vehicleFix.Longitude, vehicleFix.Latitude);
        var away = Math.Sqrt((x - vx) * (x - vx) + (y - vy) * (y - vy)) > _options.DetachDistance;
        if (_units.TryGetValue(footId, out var foot))
        {
            // Back with the vehicle and not busy on its own: the officer is crew again.
            if (!away && foot.Status is UnitStatus.Available or UnitStatus.OffDuty)
            {
                RemoveUnit(foot);
                return unit;
            }

            return foot;
        }

        if (!away || !ResourceIds.IsValid(footId))
        {
            return unit;
        }

        var name = _officers.TryGetValue(officer, out var known) ? known.Name : officer;
        foot = new LiveUnit(new Core.Resources.Unit(footId, $"{unit.Unit.CallSign} on foot ({name})", UnitType.FootPatrol, unit.Unit.Station, unit.Unit.Team))
        {
            ParentUnitId = unit.Id,
            OfficerId = officer,
            Shift = unit.Shift,
        };
        _units[footId] = foot;
        RefreshCrew(foot);
        // An officer who walks away from a unit at a scene is at that scene; otherwise free to be sent.
        var status = unit.Status is UnitStatus.AtScene or UnitStatus.Assigned ? unit.Status : UnitStatus.Available;
        var device = duty.Role == DeviceRole.Phone ? "phone" : "radio";
        Change(foot, new UnitStatusChange(footId, status, fix.DeviceTime, StatusCause.Device, device + " away from " + unit.Unit.CallSign,
            status == UnitStatus.Available ? null : unit.IncidentId));
        return foot;
    }

    private void Move(LiveUnit unit, Fix fix, double x, double y)
    {
        if (unit.Position is { } held && held.DeviceTime >= fix.DeviceTime)
        {
            return;
        }

        unit.Position = fix;
        unit.X = x;
        unit.Y = y;
        Refresh(unit);
        _sceneEvents.Clear();
        _scenes.Observe(unit.Id, x, y, fix.DeviceTime, _sceneEvents);
        foreach (var scene in _sceneEvents)
        {
            OnScene(unit, scene);
        }
    }

    private void OnScene(LiveUnit unit, SceneEvent scene)
    {
        if (!_attendances.TryGetValue(scene.IncidentId, out var attendances))
        {
            return;
        }

        var selfDeployed = scene.Kind == SceneEventKind.SelfDeployed;
        attendances.TryGetValue(unit.Id, out var previous);
        var attendance = new Attendance(scene.IncidentId, unit.Id, previous?.AssignedAt, scene.ArrivedAt, selfDeployed);
        attendances[unit.Id] = attendance;
        _writer.Enqueue(token => _incidentStore.UpsertAttendanceAsync(attendance, token));
        LogArrived(_logger, unit.Unit.CallSign, scene.IncidentId, selfDeployed);

        // Sent there, or free and staying: the unit is at the scene now.
        if ((!selfDeployed && unit.IncidentId == scene.IncidentId) || unit.Status == UnitStatus.Available)
        {
            Change(unit, new UnitStatusChange(unit.Id, UnitStatus.AtScene, scene.ArrivedAt, StatusCause.Arrival, null, scene.IncidentId));
        }

        PublishIncident(scene.IncidentId);
    }

    [LoggerMessage(EventId = 1730, Level = LogLevel.Information, Message = "{CallSign} arrived at incident {Incident} (self-deployed: {SelfDeployed})")]
    private static partial void LogArrived(ILogger logger, string callSign, string incident, bool selfDeployed);
}
