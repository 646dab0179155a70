namespace Tracking.Simulator.Fleet;

/// <summary>What a device is (the command-and-control API's <c>kind</c>).</summary>
public enum DeviceKind
{
    VehicleTracker,
    AirwaveRadio,
    Phone,
}
