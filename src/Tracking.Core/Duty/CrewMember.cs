namespace Tracking.Core.Duty;

/// <summary>One officer on a shift, and the radio they carry.</summary>
/// <param name="OfficerId">The officer's collar number.</param>
/// <param name="RadioDeviceId">The device id (ISSI) of the radio they carry on this shift, or null.</param>
public sealed record CrewMember(string OfficerId, string? RadioDeviceId = null);
