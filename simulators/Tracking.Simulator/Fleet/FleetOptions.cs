namespace Tracking.Simulator.Fleet;

/// <summary>
/// What fleet to build: how many vehicles and foot units, the seed every random draw comes from, and the period the
/// duty rota must cover (UTC).
/// </summary>
public sealed record FleetOptions(int Vehicles, int Foot, int Seed, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Share of vehicle trackers that speak NMEA 0183 rather than native JSON.</summary>
    public double NmeaShare { get; init; } = 0.3;

    /// <summary>Share of foot units that carry a phone (OwnTracks or OsmAnd) besides their radios.</summary>
    public double PhoneShare { get; init; } = 0.6;
}
