using MQTTnet.Protocol;

namespace Tracking.Simulator.Load;

/// <summary>
/// A load run: <see cref="Devices"/> devices each publishing <see cref="FixesPerDevice"/> native fixes, over
/// <see cref="Connections"/> MQTT connections (0: one per device, as real trackers connect), back to back
/// (<see cref="RatePerDevice"/> 0: as fast as the server acknowledges) or at a fixed rate per device (fixes per second).
/// Every connection logs in as <see cref="Username"/> when one is given (a gateway service account, for a server outside
/// demo mode; the server then also holds each device to its message rate), anonymously otherwise (demo mode).
/// </summary>
public sealed record LoadOptions(
    string Host,
    int Port,
    int Devices,
    int FixesPerDevice,
    MqttQualityOfServiceLevel Qos,
    int Seed,
    string DevicePrefix = "load-",
    string TopicPrefix = "tracking/",
    int Connections = 0,
    double RatePerDevice = 0,
    string? Username = null,
    string? Password = null)
{
    /// <summary>How many connections the run opens.</summary>
    public int ConnectionCount => Connections <= 0 ? Devices : Math.Min(Connections, Devices);
}
