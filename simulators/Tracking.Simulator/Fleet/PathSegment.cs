namespace Tracking.Simulator.Fleet;

/// <summary>
/// A straight piece of a path in metres, travelled at <see cref="Speed"/> m/s. On the road graph it lies along
/// <see cref="Edge"/>, starting <see cref="EdgeOffset"/> metres from the edge's tail; off the graph (an officer walking
/// across a square) <see cref="Edge"/> is -1.
/// </summary>
internal readonly record struct PathSegment(double X0, double Y0, double X1, double Y1, double Speed, int Edge, double EdgeOffset)
{
    public double Length => Math.Sqrt(((X1 - X0) * (X1 - X0)) + ((Y1 - Y0) * (Y1 - Y0)));

    /// <summary>Degrees clockwise from grid north.</summary>
    public double Heading => ((Math.Atan2(X1 - X0, Y1 - Y0) * 180 / Math.PI) + 360) % 360;
}
