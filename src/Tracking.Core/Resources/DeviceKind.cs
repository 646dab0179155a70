namespace Tracking.Core.Resources;

/// <summary>What a tracked device is: it decides how the rota attributes its fixes.</summary>
public enum DeviceKind
{
    /// <summary>Not said (a device that registered itself on first contact in demo mode).</summary>
    Unknown,

    /// <summary>A GPS tracker fitted to a vehicle: its fixes are the vehicle's.</summary>
    VehicleTracker,

    /// <summary>An Airwave (TETRA) radio an officer carries; its id is the radio's ISSI.</summary>
    AirwaveRadio,

    /// <summary>An officer's phone (OwnTracks, Traccar Client).</summary>
    Phone,
}
