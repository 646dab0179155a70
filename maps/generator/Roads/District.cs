using NetTopologySuite.Geometries;

namespace Tracking.MapGenerator.Roads;

/// <summary>A named city district between the arterial roads and rings (metres).</summary>
internal sealed record District(string Name, Polygon Area, bool InsideOuterRing);
