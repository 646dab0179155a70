using Tracking.Core.Dispatch;
using Tracking.Core.Fixes;

namespace Tracking.Server.Command;

internal sealed partial class ControlRoom
{
    /// <summary>
    /// Raises an alarm for a device at once: the rota says whose it is, the nearest available units
    /// (not its own unit) are recommended as back-up, every live map is told, and it is stored. A
    /// device with an alarm open does not raise another until a dispatcher clears it.
    /// </summary>
    private Task RaiseAlarmAsync(string deviceId, Fix? fix, AlarmSource source, DateTimeOffset at)
    {
        if (_alarms.Values.Any(a => a.DeviceId == deviceId && a.IsOpen))
        {
            return Task.CompletedTask;
        }

        var duty = _rota.Attribute(deviceId, at);
        var unitId = duty is null ? null : duty.OfficerId is { } officer && _units.ContainsKey(duty.UnitId + "." + officer) ? duty.UnitId + "." + officer : duty.UnitId;
        var (longitude, latitude) = fix is not null ? (fix.Longitude, fix.Latitude)
            : unitId is not null && _units.TryGetValue(unitId, out var unit) && unit.Position is { } p ? (p.Longitude, p.Latitude)
            : ((double?)null, (double?)null);
        IReadOnlyList<Recommendation> backUp = [];
        if (longitude is { } lon && latitude is { } lat)
        {
            var request = new IncidentRequest(lon, lat, [], null, _time.GetUtcNow());
            var own = duty?.UnitId;
            backUp = [.. _recommender.Recommend(request, _snapshots, _index, _options.BackUpCount + 4).Units
                .Where(r => own is null || (r.UnitId != own && !r.UnitId.StartsWith(own + ".", StringComparison.Ordinal)))
                .Take(_options.BackUpCount)];
        }

        var alarm = new Alarm(Guid.NewGuid(), deviceId, unitId, duty?.OfficerIds ?? [], longitude, latitude, at, source, backUp);
        _alarms[alarm.Id] = alarm;
        LogAlarm(_logger, deviceId, unitId ?? "(no unit)", backUp.Count);
        Publish(new ControlRoomEvent("alarm", alarm));
        _writer.Enqueue(token => _alarmStore.InsertAsync(alarm, token));
        return Task.CompletedTask;
    }

    /// <summary>Open alarms, oldest first.</summary>
    public Task<List<Alarm>> OpenAlarmsAsync() => Ask(() => _alarms.Values.Where(a => a.IsOpen).OrderBy(a => a.RaisedAt).ToList());

    /// <summary>A dispatcher clears an alarm: stored with who and why, then every live map is told.</summary>
    public Task<CommandResult<Alarm>> ClearAlarmAsync(Guid id, string by, string? note, CancellationToken cancellationToken) => Ask(async () =>
    {
        if (!_alarms.TryGetValue(id, out var alarm))
        {
            return (CommandResult<Alarm>)new CommandError(CommandErrorKind.NotFound, $"no open alarm '{id}'");
        }

        var now = _time.GetUtcNow();
        // Raised alarms are stored through the writer: make sure this one is there before clearing it.
        await _alarmStore.InsertAsync(alarm, cancellationToken);
        if (!await _alarmStore.ClearAsync(id, now, by, note, cancellationToken))
        {
            _alarms.Remove(id);
            return new CommandError(CommandErrorKind.Conflict, "the alarm was already cleared");
        }

        var cleared = alarm with { ClearedAt = now, ClearedBy = by, ClearNote = note };
        _alarms.Remove(id);
        LogCleared(_logger, id, by);
        Publish(new ControlRoomEvent("alarm", cleared));
        return cleared;
    });

    [LoggerMessage(EventId = 1740, Level = LogLevel.Warning, Message = "EMERGENCY from device {Device} ({Unit}); {BackUp} back-up units recommended")]
    private static partial void LogAlarm(ILogger logger, string device, string unit, int backUp);

    [LoggerMessage(EventId = 1741, Level = LogLevel.Information, Message = "Alarm {Id} cleared by {By}")]
    private static partial void LogCleared(ILogger logger, Guid id, string by);
}
