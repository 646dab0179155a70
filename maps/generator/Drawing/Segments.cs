namespace Tracking.MapGenerator.Drawing;

/// <summary>Segment arithmetic in metres.</summary>
internal static class Segments
{
    /// <summary>
    /// Where segments a–b and c–d cross: the parameters along each (0..1) and the point.
    /// False for parallel or disjoint segments; collinear overlaps are not reported.
    /// </summary>
    public static bool TryIntersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d, out double t, out double u, out Vec2 point)
    {
        var r = b - a;
        var s = d - c;
        var denominator = Vec2.Cross(r, s);
        t = u = 0;
        point = default;
        if (Math.Abs(denominator) <= 1e-12 * r.Length * s.Length)
        {
            return false;
        }

        var ac = c - a;
        t = Vec2.Cross(ac, s) / denominator;
        u = Vec2.Cross(ac, r) / denominator;
        const double Slack = 1e-12;
        if (t < -Slack || t > 1 + Slack || u < -Slack || u > 1 + Slack)
        {
            return false;
        }

        t = Math.Clamp(t, 0, 1);
        u = Math.Clamp(u, 0, 1);
        point = Vec2.Lerp(a, b, t);
        return true;
    }

    /// <summary>The parameter (0..1) of the point on a–b nearest to p, and the distance to it.</summary>
    public static (double T, double Distance) Nearest(Vec2 a, Vec2 b, Vec2 p)
    {
        var ab = b - a;
        var lengthSquared = Vec2.Dot(ab, ab);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(Vec2.Dot(p - a, ab) / lengthSquared, 0, 1);
        return (t, Vec2.Distance(Vec2.Lerp(a, b, t), p));
    }
}
