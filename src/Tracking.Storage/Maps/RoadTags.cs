using Tracking.Core.Geo.Maps;

namespace Tracking.Storage.Maps;

/// <summary>
/// What OpenStreetMap-style tags say about a road: its class, speed and direction. Shared by the
/// OSM readers and the GeoJSON roads reader so both read the same tags the same way.
/// </summary>
internal static class RoadTags
{
    // highway values that are real, known, and not driven by response vehicles: left out and
    // counted, without a problem each (an extract has thousands of footways).
    private static readonly HashSet<string> NotDriven = new(StringComparer.Ordinal)
    {
        "footway", "cycleway", "path", "pedestrian", "steps", "track", "bridleway", "corridor",
        "construction", "proposed", "planned", "platform", "elevator", "bus_stop", "crossing",
        "services", "rest_area", "busway", "bus_guideway", "raceway", "escape", "abandoned",
        "disused", "razed", "via_ferrata", "sidewalk", "traffic_island", "emergency_bay",
    };

    public enum Kind
    {
        Drivable,
        NotDriven,
        Unknown,
    }

    /// <summary>The road class, or why there is none.</summary>
    public static (Kind Kind, RoadClass Class) Classify(string? highway)
    {
        if (RoadClasses.FromOsmHighway(highway) is { } roadClass)
        {
            return (Kind.Drivable, roadClass);
        }

        return (highway is not null && NotDriven.Contains(highway) ? Kind.NotDriven : Kind.Unknown, default);
    }

    /// <summary>
    /// Direction from <c>oneway</c>: "yes"/"true"/"1" one way along the line; "-1"/"reverse" one
    /// way against it (the caller reverses the line); "no"/"false"/"0" both ways; absent: one way
    /// when <paramref name="impliedOneWay"/>. Time-dependent values ("reversible", "alternating")
    /// are both ways, since either direction is open at some time.
    /// </summary>
    public static (bool OneWay, bool Reverse) Direction(string? oneway, bool impliedOneWay) =>
        oneway?.Trim().ToLowerInvariant() switch
        {
            null or "" => (impliedOneWay, false),
            "yes" or "true" or "1" => (true, false),
            "-1" or "reverse" => (true, true),
            _ => (false, false),
        };

    /// <summary>OSM's implied one-way: motorways and roundabouts (<c>junction=roundabout</c> or <c>circular</c>).</summary>
    public static bool ImpliesOneWay(string? highway, string? junction) =>
        highway is "motorway" || junction is "roundabout" or "circular";

    /// <summary>The posted limit when <paramref name="maxspeed"/> is usable, else the class default (m/s).</summary>
    public static double Speed(RoadClass roadClass, string? maxspeed) =>
        OsmSpeed.Parse(maxspeed) ?? RoadClasses.DefaultSpeed(roadClass);
}
