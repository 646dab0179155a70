namespace Tracking.Protocols.OsmAnd;

/// <summary>The units OsmAnd senders use for the query-string speed, converted with <see cref="SpeedConversions"/>. Pure and thread-safe.</summary>
public static class OsmAndSpeedUnitExtensions
{
    /// <summary><paramref name="speed"/>, given in <paramref name="unit"/>, in metres per second.</summary>
    public static double ToMetresPerSecond(this OsmAndSpeedUnit unit, double speed) => unit switch
    {
        OsmAndSpeedUnit.Knots => SpeedConversions.KnotsToMetresPerSecond(speed),
        OsmAndSpeedUnit.KilometresPerHour => SpeedConversions.KilometresPerHourToMetresPerSecond(speed),
        OsmAndSpeedUnit.MetresPerSecond => speed,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a speed unit"),
    };
}
