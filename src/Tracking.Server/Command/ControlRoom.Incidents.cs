using System.Text.Json;
using Tracking.Core.Dispatch;
using Tracking.Core.Incidents;
using Tracking.Storage.Command;

namespace Tracking.Server.Command;

internal sealed partial class ControlRoom
{
    /// <summary>
    /// Creates or updates an incident (already validated), stored before it is applied. A re-sent
    /// message that says the same thing changes nothing (but opens the incident here if another server
    /// instance stored it first). Closing it frees the units sent to it.
    /// </summary>
    public Task<IncidentWriteResult> UpsertIncidentAsync(Incident incident, CancellationToken cancellationToken) => Ask(async () =>
    {
        var result = await _incidentStore.UpsertAsync(incident, cancellationToken);
        var open = incident.Status == IncidentStatus.Open;
        // Unchanged in the database may still be new here: another server instance stored it first.
        if (result == IncidentWriteResult.Unchanged && open == _open.ContainsKey(incident.Id))
        {
            return result;
        }

        if (open)
        {
            var known = _open.ContainsKey(incident.Id);
            OpenIncident(incident);
            if (!known)
            {
                foreach (var attendance in await _incidentStore.ListAttendancesAsync(incident.Id, cancellationToken))
                {
                    RestoreAttendance(attendance);
                }
            }
        }
        else if (_open.ContainsKey(incident.Id))
        {
            await CloseIncidentAsync(incident, cancellationToken);
        }

        PublishIncident(incident);
        return result;
    });

    private void OpenIncident(Incident incident)
    {
        _open[incident.Id] = incident;
        if (!_attendances.ContainsKey(incident.Id))
        {
            _attendances[incident.Id] = new(StringComparer.Ordinal);
        }

        var (x, y) = _projection.Project(incident.Longitude, incident.Latitude);
        _scenes.Open(incident.Id, x, y, incident.CreatedAt);
    }

    private async Task CloseIncidentAsync(Incident incident, CancellationToken cancellationToken)
    {
        _open.Remove(incident.Id);
        _attendances.Remove(incident.Id);
        _scenes.Close(incident.Id);
        var freed = _units.Values.Where(u => u.IncidentId == incident.Id && u.Status is UnitStatus.Assigned or UnitStatus.AtScene).ToList();
        var changes = freed.Select(u => new UnitStatusChange(u.Id, UnitStatus.Available, incident.ClosedAt ?? _time.GetUtcNow(), StatusCause.IncidentClosed, null, null)).ToList();
        if (changes.Count > 0)
        {
            await _statusStore.AppendAsync(changes, cancellationToken);
            for (var i = 0; i < freed.Count; i++)
            {
                Apply(freed[i], changes[i]);
            }
        }
    }

    private void RestoreAttendance(Attendance attendance)
    {
        if (_attendances.TryGetValue(attendance.IncidentId, out var attendances))
        {
            attendances[attendance.UnitId] = attendance;
            RestoreScene(attendance);
        }
    }

    private void RestoreScene(Attendance attendance)
    {
        if (attendance.ArrivedAt is not null)
        {
            _scenes.MarkArrived(attendance.IncidentId, attendance.UnitId);
        }
        else if (attendance.AssignedAt is { } assigned)
        {
            _scenes.Assign(attendance.IncidentId, attendance.UnitId, assigned);
        }
    }

    /// <summary>An open incident with its attendances and response, or null when it is not open.</summary>
    public Task<IncidentView?> OpenIncidentViewAsync(string id) => Ask(() => _open.TryGetValue(id, out var incident) ? ViewOf(incident) : null);

    /// <summary>Every open incident, oldest first.</summary>
    public Task<List<IncidentView>> OpenIncidentsAsync() => Ask(() => _open.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Select(ViewOf).ToList());

    /// <summary>The view of a stored (closed) incident.</summary>
    public IncidentView ViewOf(Incident incident, IReadOnlyList<Attendance> attendances) =>
        IncidentView.Of(incident, attendances, ResponseTime.Of(incident, attendances, _targets, IsRural(incident)), _time.GetUtcNow());

    private IncidentView ViewOf(Incident incident)
    {
        IReadOnlyList<Attendance> attendances = _attendances.TryGetValue(incident.Id, out var held)
            ? [.. held.Values.OrderBy(a => a.AssignedAt ?? a.ArrivedAt).ThenBy(a => a.UnitId, StringComparer.Ordinal)]
            : [];
        return ViewOf(incident, attendances);
    }

    private void PublishIncident(Incident incident) =>
        Publish(new ControlRoomEvent("incident", _open.ContainsKey(incident.Id) ? ViewOf(incident) : ViewOf(incident, [])));

    private void PublishIncident(string incidentId)
    {
        if (_open.TryGetValue(incidentId, out var incident))
        {
            PublishIncident(incident);
        }
    }

    /// <summary>Whether the rural grade 1 target applies: the incident lies in a beat configured as rural.</summary>
    private bool IsRural(Incident incident) => _places.Of(incident.Longitude, incident.Latitude).Rural;

    /// <summary>The nearest available units for an open incident, per the design's rule.</summary>
    public Task<CommandResult<RecommendationView>> RecommendAsync(string incidentId, int count, bool explain) => Ask(() =>
    {
        if (!_open.TryGetValue(incidentId, out var incident))
        {
            return (CommandResult<RecommendationView>)new CommandError(CommandErrorKind.NotFound, $"no open incident '{incidentId}'");
        }

        var request = new IncidentRequest(incident.Longitude, incident.Latitude, incident.RequiredSkills, incident.VehicleType, _time.GetUtcNow());
        return View(incidentId, _recommender.Recommend(request, _snapshots, _index, count, explain), explain);
    });

    private RecommendationView View(string incidentId, RecommendationResult result, bool explain) => new(
        incidentId,
        [.. result.Units.Select(r => new RecommendedUnit(r.UnitId, r.CallSign, r.Type, r.DistanceMetres, r.EtaSeconds,
            _units.TryGetValue(r.UnitId, out var unit) ? unit.Crew : [], r.Skills))],
        explain ? [.. result.Excluded.Select(e => new ExcludedUnit(e.UnitId, e.CallSign, e.Reason, e.Detail))] : null,
        result.Basis);

    /// <summary>
    /// Sends a unit to an open incident: stored, the unit becomes Assigned, its devices get the
    /// dispatch and the live maps are told. Assigning a unit already sent there changes nothing.
    /// </summary>
    public Task<CommandResult<DispatchMessage>> AssignAsync(string incidentId, string unitId, CancellationToken cancellationToken) => Ask(async () =>
    {
        if (!_open.TryGetValue(incidentId, out var incident))
        {
            return (CommandResult<DispatchMessage>)new CommandError(CommandErrorKind.NotFound, $"no open incident '{incidentId}'");
        }

        if (!_units.TryGetValue(unitId, out var unit))
        {
            return new CommandError(CommandErrorKind.NotFound, $"no unit '{unitId}'");
        }

        if (!unit.OnDuty)
        {
            return new CommandError(CommandErrorKind.Conflict, $"{unit.Unit.CallSign} is off duty");
        }

        var attendances = _attendances[incidentId];
        attendances.TryGetValue(unitId, out var previous);
        var now = _time.GetUtcNow();
        var message = new DispatchMessage(incident.Id, (int)incident.Grade, incident.Type, GeoPoint.Of(incident.Longitude, incident.Latitude),
            unit.Id, unit.Unit.CallSign, previous?.AssignedAt ?? now);
        if (previous?.AssignedAt is not null)
        {
            return message;
        }

        var attendance = new Attendance(incidentId, unitId, now, previous?.ArrivedAt, previous?.SelfDeployed ?? false);
        var status = previous?.ArrivedAt is null ? UnitStatus.Assigned : UnitStatus.AtScene;
        var change = new UnitStatusChange(unitId, status, now, StatusCause.Assignment, null, incidentId);
        await _incidentStore.UpsertAttendanceAsync(attendance, cancellationToken);
        await _statusStore.AppendAsync([change], cancellationToken);
        attendances[unitId] = attendance;
        _scenes.Assign(incidentId, unitId, now);
        Apply(unit, change);
        LogAssigned(_logger, unit.Unit.CallSign, incidentId);

        var payload = JsonSerializer.SerializeToUtf8Bytes(message, CommandJson.Options);
        foreach (var device in unit.DeviceIds())
        {
            _ = _outbox.PublishAsync(DeviceOutbox.DispatchTopic(device), payload, CancellationToken.None);
        }

        Publish(new ControlRoomEvent("dispatch", message));
        PublishIncident(incident);
        return message;
    });

    [LoggerMessage(EventId = 1731, Level = LogLevel.Information, Message = "{CallSign} assigned to incident {Incident}")]
    private static partial void LogAssigned(ILogger logger, string callSign, string incident);
}
