using Tracking.Core.Dispatch;
using Tracking.Core.Fixes;
using Tracking.Server.Command;

namespace Tracking.Server.LiveMap;

/// <summary>
/// One marker of the live map: a unit of the control room, or a device no unit holds. Positions are WGS84
/// degrees (x = <see cref="Longitude"/>, y = <see cref="Latitude"/>), speed in m/s, heading in degrees clockwise
/// from true north, <see cref="Time"/> the device time (UTC) of the position. Immutable; value equality tells
/// whether a marker changed.
/// </summary>
/// <param name="Id">The unit's id, or the device's id for a device marker.</param>
/// <param name="Kind">Unit or device.</param>
/// <param name="CallSign">The unit's call sign; the device id for a device marker.</param>
/// <param name="Type">The unit's type; null for a device.</param>
/// <param name="Status">The unit's status; null for a device.</param>
/// <param name="Incident">The incident the unit is sent to or at.</param>
/// <param name="OnDuty">Whether the rota has the unit on duty now (false for a device).</param>
/// <param name="Team">The unit's team.</param>
/// <param name="Station">The unit's station.</param>
/// <param name="Longitude">Degrees east, or null before the first position.</param>
/// <param name="Latitude">Degrees north, or null before the first position.</param>
/// <param name="Heading">Degrees clockwise from true north, when reported.</param>
/// <param name="Speed">Metres per second, when reported.</param>
/// <param name="Time">Device time of the position.</param>
/// <param name="Device">The device whose fix placed the marker.</param>
internal sealed record UnitMarker(
    string Id,
    MarkerKind Kind,
    string CallSign,
    UnitType? Type,
    UnitStatus? Status,
    string? Incident,
    bool OnDuty,
    string? Team,
    string? Station,
    double? Longitude,
    double? Latitude,
    double? Heading,
    double? Speed,
    DateTimeOffset? Time,
    string? Device)
{
    public static UnitMarker Of(UnitView unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var position = unit.Position;
        return new UnitMarker(
            unit.Id, MarkerKind.Unit, unit.CallSign, unit.Type, unit.Status, unit.Incident, unit.OnDuty, unit.Team, unit.Station,
            position?.Longitude, position?.Latitude, position?.Heading, position?.Speed, position?.Time, position?.Device);
    }

    /// <summary>
    /// Whether this state differs from <paramref name="previous"/> in nothing but where the marker is: its position,
    /// heading, speed and their time. Such a change goes to the clients as a move entry instead of the whole marker
    /// (see <see cref="MarkerWriter.MoveJson"/>): nearly every change is one, and its entry is under half the bytes.
    /// </summary>
    public bool OnlyMovedFrom(UnitMarker previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        return string.Equals(Id, previous.Id, StringComparison.Ordinal)
            && Kind == previous.Kind
            && string.Equals(CallSign, previous.CallSign, StringComparison.Ordinal)
            && Type == previous.Type
            && Status == previous.Status
            && string.Equals(Incident, previous.Incident, StringComparison.Ordinal)
            && OnDuty == previous.OnDuty
            && string.Equals(Team, previous.Team, StringComparison.Ordinal)
            && string.Equals(Station, previous.Station, StringComparison.Ordinal)
            && string.Equals(Device, previous.Device, StringComparison.Ordinal);
    }

    public static UnitMarker Of(Fix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        return new UnitMarker(
            fix.DeviceId, MarkerKind.Device, fix.DeviceId, null, null, null, false, null, null,
            fix.Longitude, fix.Latitude, fix.Heading, fix.Speed, fix.DeviceTime, fix.DeviceId);
    }
}
