namespace Tracking.Core.Geo.Maps;

/// <summary>Names and default speeds of <see cref="RoadClass"/>.</summary>
public static class RoadClasses
{
    private const double MetresPerSecondPerMph = 0.44704;

    /// <summary>
    /// The class for an OpenStreetMap <c>highway</c> value, or null for ways vehicles do not
    /// drive (footway, cycleway, path, track, construction…).
    /// </summary>
    public static RoadClass? FromOsmHighway(string? highway) => highway switch
    {
        "motorway" or "motorway_link" => RoadClass.Motorway,
        "trunk" or "trunk_link" => RoadClass.Trunk,
        "primary" or "primary_link" => RoadClass.Primary,
        "secondary" or "secondary_link" => RoadClass.Secondary,
        "tertiary" or "tertiary_link" => RoadClass.Tertiary,
        "unclassified" or "road" => RoadClass.Unclassified,
        "residential" => RoadClass.Residential,
        "living_street" => RoadClass.LivingStreet,
        "service" => RoadClass.Service,
        _ => null,
    };

    /// <summary>The OpenStreetMap <c>highway</c> value for a class.</summary>
    public static string ToOsmHighway(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Motorway => "motorway",
        RoadClass.Trunk => "trunk",
        RoadClass.Primary => "primary",
        RoadClass.Secondary => "secondary",
        RoadClass.Tertiary => "tertiary",
        RoadClass.Unclassified => "unclassified",
        RoadClass.Residential => "residential",
        RoadClass.LivingStreet => "living_street",
        RoadClass.Service => "service",
        _ => throw new ArgumentOutOfRangeException(nameof(roadClass), roadClass, null),
    };

    /// <summary>
    /// Typical driving speed (m/s) of a road with no <c>maxspeed</c>: UK national limits for
    /// the fast classes, lower figures where traffic and junctions keep speeds down.
    /// </summary>
    public static double DefaultSpeed(RoadClass roadClass) => roadClass switch
    {
        RoadClass.Motorway => 70 * MetresPerSecondPerMph,
        RoadClass.Trunk => 60 * MetresPerSecondPerMph,
        RoadClass.Primary => 50 * MetresPerSecondPerMph,
        RoadClass.Secondary => 40 * MetresPerSecondPerMph,
        RoadClass.Tertiary => 30 * MetresPerSecondPerMph,
        RoadClass.Unclassified => 30 * MetresPerSecondPerMph,
        RoadClass.Residential => 20 * MetresPerSecondPerMph,
        RoadClass.LivingStreet => 10 * MetresPerSecondPerMph,
        RoadClass.Service => 10 * MetresPerSecondPerMph,
        _ => throw new ArgumentOutOfRangeException(nameof(roadClass), roadClass, null),
    };
}
