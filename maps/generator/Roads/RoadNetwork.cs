using NetTopologySuite.Geometries;

namespace Tracking.MapGenerator.Roads;

/// <summary>The drawn and noded roads of an area with the shapes they were drawn in (metres).</summary>
internal sealed record RoadNetwork(
    List<RoadDraft> Drafts,
    Polygon CentreArea,
    Polygon UrbanArea,
    IReadOnlyList<District> Districts,
    IReadOnlyList<Polygon> TownAreas);
