namespace Tracking.Simulator.Faults;

/// <summary>How a fault case is sent, beyond its messages.</summary>
public enum FaultBehaviour
{
    /// <summary>Each message once, QoS 1, then a clean disconnect.</summary>
    Normal,

    /// <summary>Every message as fast as the connection takes them, QoS 0: one device flooding the server.</summary>
    Flood,

    /// <summary>QoS 1 messages, each acknowledged, then the TCP connection dropped without an MQTT DISCONNECT.</summary>
    AbruptDisconnect,
}
