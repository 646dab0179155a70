namespace Tracking.Protocols.OsmAnd;

/// <summary>Named converters from the speed units OsmAnd senders use to metres per second. Pure and thread-safe.</summary>
public static class OsmAndSpeedUnitExtensions
{
    /// <summary>A knot is one international nautical mile, 1852 m, per hour, 3600 s. One factor, so no finite speed overflows.</summary>
    private const double MetresPerSecondPerKnot = 1852.0 / 3600.0;

    /// <summary>A km/h is 1000 m per 3600 s.</summary>
    private const double MetresPerSecondPerKilometrePerHour = 1000.0 / 3600.0;

    /// <summary><paramref name="speed"/>, given in <paramref name="unit"/>, in metres per second.</summary>
    public static double ToMetresPerSecond(this OsmAndSpeedUnit unit, double speed) => unit switch
    {
        OsmAndSpeedUnit.Knots => KnotsToMetresPerSecond(speed),
        OsmAndSpeedUnit.KilometresPerHour => KilometresPerHourToMetresPerSecond(speed),
        OsmAndSpeedUnit.MetresPerSecond => speed,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a speed unit"),
    };

    public static double KnotsToMetresPerSecond(double knots) => knots * MetresPerSecondPerKnot;

    public static double KilometresPerHourToMetresPerSecond(double kilometresPerHour) => kilometresPerHour * MetresPerSecondPerKilometrePerHour;
}
