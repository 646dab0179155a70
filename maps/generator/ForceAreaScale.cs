namespace Tracking.MapGenerator;

/// <summary>How big an area <see cref="ForceAreaGenerator"/> makes.</summary>
public enum ForceAreaScale
{
    /// <summary>The committed demo: Leicester and seven towns, about 30 km × 30 km.</summary>
    Demo,

    /// <summary>
    /// A county for benchmarks: about 60 km × 60 km, two dozen towns and denser streets
    /// (well over 100,000 directed road edges). Made in memory; not committed.
    /// </summary>
    County,
}
