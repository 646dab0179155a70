using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;

namespace Tracking.MapGenerator;

/// <summary>
/// A generated force area: the map itself plus what the map model does not hold but the files
/// and their checks need. All geometry in WGS84 lon/lat degrees (x = longitude), rounded to 7
/// decimals. Immutable.
/// </summary>
/// <param name="Map">Beats, priority locations, stations and roads.</param>
/// <param name="Water">The river's centre line and water surface.</param>
/// <param name="Boundary">The force boundary: the outline the beats tile.</param>
/// <param name="BridgeRoadIds">The roads that cross the river (the bridges), by road id.</param>
public sealed record GeneratedForceArea(
    ForceMap Map,
    IReadOnlyList<WaterFeature> Water,
    Polygon Boundary,
    IReadOnlyList<string> BridgeRoadIds);
