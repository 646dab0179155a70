namespace Tracking.Protocols;

/// <summary>What an MQTT topic means to the ingestion pipeline.</summary>
public enum TopicKind
{
    /// <summary>Not a device topic the pipeline decodes (for example a dispatch topic the server publishes itself).</summary>
    Other,

    /// <summary><c>tracking/{deviceId}/fix</c>: native JSON fixes.</summary>
    NativeFix,
}

/// <summary>The result of routing a topic: its kind, and for device topics the device id and whether that id is well formed.</summary>
public readonly record struct TopicRoute(TopicKind Kind, string DeviceId, bool DeviceIdIsValid)
{
    public static TopicRoute Other { get; } = new(TopicKind.Other, "", false);
}
