namespace Tracking.Protocols;

/// <summary>
/// The named converters from the speed units devices send to metres per second, each stated once for every
/// protocol. One multiplication or division by a factor that only shrinks the value, so no finite speed overflows.
/// Pure and thread-safe.
/// </summary>
public static class SpeedConversions
{
    /// <summary>A knot is one international nautical mile, 1852 m (exact by definition), per hour, 3600 s.</summary>
    private const double MetresPerSecondPerKnot = 1852.0 / 3600.0;

    /// <summary>A m/s is 3.6 km/h (3600 s per hour, 1000 m per km).</summary>
    private const double KilometresPerHourPerMetrePerSecond = 3.6;

    /// <summary>Knots (NMEA 0183 RMC, the OsmAnd query string) to metres per second.</summary>
    public static double KnotsToMetresPerSecond(double knots) => knots * MetresPerSecondPerKnot;

    /// <summary>km/h (TETRA LIP, OwnTracks) to metres per second.</summary>
    public static double KilometresPerHourToMetresPerSecond(double kilometresPerHour) => kilometresPerHour / KilometresPerHourPerMetrePerSecond;
}
