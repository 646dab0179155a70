namespace Tracking.Protocols;

/// <summary>What an MQTT topic means to the ingestion pipeline: which decoder its payload goes to.</summary>
public enum TopicKind
{
    /// <summary>Not a device topic the pipeline decodes (for example a dispatch topic the server publishes itself).</summary>
    Other,

    /// <summary><c>tracking/{deviceId}/fix</c>: native JSON fixes.</summary>
    NativeFix,

    /// <summary><c>tracking/{issi}/lip</c>: a TETRA Location Information Protocol PDU from an Airwave radio, via a gateway.</summary>
    TetraLip,

    /// <summary><c>tracking/{deviceId}/nmea</c>: NMEA 0183 sentences from a vehicle tracker.</summary>
    Nmea,

    /// <summary><c>owntracks/{user}/{device}</c>: an OwnTracks message from a phone; the device id is <c>{user}.{device}</c>.</summary>
    OwnTracks,
}

/// <summary>The result of routing a topic: its kind, and for device topics the device id and whether that id is well formed.</summary>
public readonly record struct TopicRoute(TopicKind Kind, string DeviceId, bool DeviceIdIsValid)
{
    public static TopicRoute Other { get; } = new(TopicKind.Other, "", false);
}
