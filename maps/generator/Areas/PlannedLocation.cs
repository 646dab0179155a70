using NetTopologySuite.Geometries;

namespace Tracking.MapGenerator.Areas;

/// <summary>A priority location in metres: a polygon, or a point with a radius.</summary>
internal sealed record PlannedLocation(string Name, NetTopologySuite.Geometries.Geometry Shape, double Radius, int VisitsPerDay, int MinutesPerDay)
{
    public Point Centre => Shape is Point point ? point : Shape.Centroid;
}
