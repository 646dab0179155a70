namespace Tracking.Core.Geo.Matching;

/// <summary>A circular area in projected metres: the points whose distance to the centre is at most the radius.</summary>
internal readonly record struct CircleArea(double CentreX, double CentreY, double Radius)
{
    /// <summary>
    /// The same test as NetTopologySuite's <c>Coordinate.Distance(centre) &lt;= radius</c>, operation for operation,
    /// so that points on the rim get the same answer.
    /// </summary>
    public bool Covers(double x, double y)
    {
        var dx = x - CentreX;
        var dy = y - CentreY;
        return Math.Sqrt((dx * dx) + (dy * dy)) <= Radius;
    }
}
