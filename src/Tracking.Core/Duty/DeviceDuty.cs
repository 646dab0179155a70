namespace Tracking.Core.Duty;

/// <summary>Whom a device's fix belongs to at its time, as the rota says.</summary>
/// <param name="Shift">The shift that gives the device to a unit.</param>
/// <param name="Role">Whether the device is the unit's vehicle or a crew member's radio or phone.</param>
/// <param name="OfficerId">For a radio or a phone, the officer who carries it; else null.</param>
public sealed record DeviceDuty(Shift Shift, DeviceRole Role, string? OfficerId)
{
    /// <summary>The unit on duty.</summary>
    public string UnitId => Shift.UnitId;

    /// <summary>
    /// The officers the fix speaks for: the carrier of a radio or phone, or for the vehicle everyone on board.
    /// </summary>
    public IReadOnlyList<string> OfficerIds => OfficerId is { } officer ? [officer] : [.. Shift.Crew.Select(c => c.OfficerId)];
}
