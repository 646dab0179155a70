namespace Tracking.Core.Geo.Maps;

/// <summary>
/// Everything a force's map holds: micro-beats, priority locations (every version), stations,
/// the road network and the water drawn under it, in WGS84 lon/lat, plus the projection the engine measures in.
/// Immutable once built; a changed map is a new instance swapped in whole.
/// </summary>
/// <param name="Name">Name of the force area.</param>
/// <param name="Projection">The plane the engine measures in.</param>
/// <param name="Beats">Micro-beats.</param>
/// <param name="Locations">Priority locations, every version.</param>
/// <param name="Stations">Police stations.</param>
/// <param name="Roads">Road network; empty when none is loaded.</param>
public sealed record ForceMap(
    string Name,
    MapProjection Projection,
    IReadOnlyList<Beat> Beats,
    IReadOnlyList<PriorityLocation> Locations,
    IReadOnlyList<Station> Stations,
    IReadOnlyList<Road> Roads)
{
    /// <summary>
    /// Rivers and lakes, only drawn (empty when the map has none). Not a constructor parameter: a map is
    /// complete without water, and the engine never reads it.
    /// </summary>
    public IReadOnlyList<WaterFeature> Water { get; init; } = [];
}
