using MQTTnet.Protocol;

namespace Tracking.Simulator.Load;

/// <summary>A load run: <see cref="Devices"/> connections each publishing <see cref="FixesPerDevice"/> fixes back to back.</summary>
public sealed record LoadOptions(
    string Host,
    int Port,
    int Devices,
    int FixesPerDevice,
    MqttQualityOfServiceLevel Qos,
    int Seed,
    string DevicePrefix = "load-",
    string TopicPrefix = "tracking/");
