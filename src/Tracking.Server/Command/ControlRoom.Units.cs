using Tracking.Core.Dispatch;
using Tracking.Core.Validation;

namespace Tracking.Server.Command;

internal sealed partial class ControlRoom
{
    /// <summary>Every unit known, by id.</summary>
    public Task<List<UnitView>> UnitsAsync() => Ask(() => _units.Values.OrderBy(u => u.Id, StringComparer.Ordinal).Select(u => u.View()).ToList());

    /// <summary>One unit, or null.</summary>
    public Task<UnitView?> UnitAsync(string id) => Ask(() => _units.TryGetValue(id, out var unit) ? unit.View() : null);

    /// <summary>
    /// A status set by a dispatcher or by the crew's device: Available, Unavailable (a reason is
    /// required) or AtScene (of the incident it was sent to). Assigned comes from an assignment and
    /// OffDuty from the rota, so they cannot be set. Stored before it is applied.
    /// </summary>
    public Task<CommandResult<UnitView>> SetStatusAsync(string unitId, UnitStatus status, string? reason, StatusCause cause, CancellationToken cancellationToken) =>
        Ask(() => SetStatusOnLoopAsync(unitId, status, reason, cause, cancellationToken));

    private async Task<CommandResult<UnitView>> SetStatusOnLoopAsync(string unitId, UnitStatus status, string? reason, StatusCause cause, CancellationToken cancellationToken)
    {
        if (!_units.TryGetValue(unitId, out var unit))
        {
            return new CommandError(CommandErrorKind.NotFound, $"no unit '{unitId}'");
        }

        var problem = StatusProblem(unit, status, reason);
        if (problem is not null)
        {
            return problem;
        }

        if (unit.Status == status && unit.Reason == reason)
        {
            return unit.View();
        }

        // Free again, or unavailable: whatever it was sent to is no longer its job.
        var incident = status == UnitStatus.AtScene ? unit.IncidentId : null;
        var change = new UnitStatusChange(unitId, status, _time.GetUtcNow(), cause, reason, incident);
        await _statusStore.AppendAsync([change], cancellationToken);
        Apply(unit, change);
        return unit.View();
    }

    private static CommandError? StatusProblem(LiveUnit unit, UnitStatus status, string? reason)
    {
        if (status is UnitStatus.Assigned or UnitStatus.OffDuty)
        {
            return new CommandError(CommandErrorKind.Invalid,
                "status: assigned comes from an assignment (POST /api/incidents/{id}/assignments) and offDuty from the rota; set available, unavailable or atScene");
        }

        if (!unit.OnDuty)
        {
            return new CommandError(CommandErrorKind.Conflict, $"{unit.Unit.CallSign} is off duty");
        }

        if (status == UnitStatus.Unavailable && string.IsNullOrWhiteSpace(reason))
        {
            return new CommandError(CommandErrorKind.Invalid, "reason: required when the status is unavailable (refreshments, custody, vehicle defect…)");
        }

        if (reason is not null && TextRules.Problem(reason, TextRules.MaxNameLength) is { } problem)
        {
            return new CommandError(CommandErrorKind.Invalid, "reason: " + problem);
        }

        if (status == UnitStatus.AtScene && unit.IncidentId is null)
        {
            return new CommandError(CommandErrorKind.Conflict, $"{unit.Unit.CallSign} has not been sent to an incident");
        }

        return null;
    }

    /// <summary>A message on a device's status topic: the rota gives the unit; "emergency" raises an alarm.</summary>
    public Task<CommandResult<string>> DeviceStatusAsync(string deviceId, DeviceStatusMessage message, CancellationToken cancellationToken) => Ask(async () =>
    {
        var at = message.Time ?? _time.GetUtcNow();
        if (message.Emergency)
        {
            _deviceLast.TryGetValue(deviceId, out var last);
            await RaiseAlarmAsync(deviceId, last, AlarmSource.StatusTopic, at);
            return (CommandResult<string>)"alarm";
        }

        if (_rota.Attribute(deviceId, at) is not { } duty || !_units.TryGetValue(duty.UnitId, out var unit))
        {
            return new CommandError(CommandErrorKind.NotFound, $"no unit on duty has device '{deviceId}'");
        }

        if (duty.OfficerId is { } officer && _units.TryGetValue(unit.Id + "." + officer, out var foot))
        {
            unit = foot;
        }

        var result = await SetStatusOnLoopAsync(unit.Id, message.Status!.Value, message.Reason, StatusCause.Device, cancellationToken);
        return result.Error is { } error ? error : unit.Id;
    });
}
