namespace Tracking.Simulator.Fleet;

/// <summary>Builds the <see cref="PathSegment"/>s units follow: driven routes and walks. Pure and thread-safe.</summary>
internal static class Paths
{
    /// <summary>A route on the road graph, each edge driven at its road's speed × <paramref name="speedFactor"/>.</summary>
    public static List<PathSegment> Drive(RoadNetwork network, IReadOnlyList<RouteLeg> legs, double speedFactor)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(legs);
        var segments = new List<PathSegment>();
        foreach (var leg in legs)
        {
            var speed = network.Graph.EdgeSpeed(leg.Edge) * speedFactor;
            var points = network.Shape(leg.Edge).Between(leg.From, leg.To);
            for (var i = 1; i < points.Count; i++)
            {
                var a = points[i - 1];
                var b = points[i];
                segments.Add(new PathSegment(a.X, a.Y, b.X, b.Y, speed, leg.Edge, a.Along));
            }
        }

        return segments;
    }

    /// <summary>A walk through the given points, off the road graph, at <paramref name="speed"/> m/s.</summary>
    public static List<PathSegment> Walk(IReadOnlyList<(double X, double Y)> points, double speed)
    {
        ArgumentNullException.ThrowIfNull(points);
        var segments = new List<PathSegment>();
        for (var i = 1; i < points.Count; i++)
        {
            segments.Add(new PathSegment(points[i - 1].X, points[i - 1].Y, points[i].X, points[i].Y, speed, -1, 0));
        }

        return segments;
    }
}
