namespace Tracking.Core.Duty;

/// <summary>What a device is on a shift.</summary>
public enum DeviceRole
{
    /// <summary>The tracker of the vehicle the unit drives.</summary>
    Vehicle,

    /// <summary>The radio one crew member carries.</summary>
    Radio,

    /// <summary>The phone one crew member carries.</summary>
    Phone,
}
