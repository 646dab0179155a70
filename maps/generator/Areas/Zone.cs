using NetTopologySuite.Geometries;

namespace Tracking.MapGenerator.Areas;

/// <summary>
/// A named part of the area (the city centre, a district, a town) in metres; its name is also
/// the name of the neighbourhood team that polices it.
/// </summary>
internal sealed record Zone(string Name, Polygon Area, ZoneKind Kind);
