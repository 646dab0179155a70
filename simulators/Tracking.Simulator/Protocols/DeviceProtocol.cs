namespace Tracking.Simulator.Protocols;

/// <summary>The protocol a simulated device speaks: what it encodes its positions in and where it sends them.</summary>
public enum DeviceProtocol
{
    /// <summary>Native JSON on MQTT <c>tracking/{id}/fix</c>: a vehicle tracker.</summary>
    NativeJson,

    /// <summary>NMEA 0183 RMC + GGA on MQTT <c>tracking/{id}/nmea</c>: a vehicle tracker.</summary>
    Nmea,

    /// <summary>TETRA LIP as hex on MQTT <c>tracking/{issi}/lip</c>: an Airwave radio through its gateway.</summary>
    TetraLip,

    /// <summary>OwnTracks JSON on MQTT <c>owntracks/{user}/{device}</c>: a phone.</summary>
    OwnTracks,

    /// <summary>OsmAnd query string over HTTP: a phone running Traccar Client.</summary>
    OsmAnd,
}
