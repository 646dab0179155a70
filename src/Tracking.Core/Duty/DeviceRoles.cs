namespace Tracking.Core.Duty;

/// <summary>What follows from a <see cref="DeviceRole"/>.</summary>
public static class DeviceRoles
{
    /// <summary>
    /// Whether the device goes where one officer goes (a radio or a phone) rather than with the vehicle: its fix
    /// speaks for its carrier alone, and away from the vehicle it makes them a foot patrol.
    /// </summary>
    public static bool IsCarried(this DeviceRole role) => role is DeviceRole.Radio or DeviceRole.Phone;
}
