using MQTTnet.Protocol;

namespace Tracking.Simulator.Fleet;

/// <summary>What the fleet simulation does: how many devices, how often each reports, where to.</summary>
public sealed record FleetOptions(
    string Host,
    int Port,
    int Devices,
    double FixesPerSecondPerDevice,
    MqttQualityOfServiceLevel Qos,
    int Seed,
    string DevicePrefix = "sim-");
