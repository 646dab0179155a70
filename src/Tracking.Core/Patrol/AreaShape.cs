using NetTopologySuite.Geometries;

namespace Tracking.Core.Patrol;

/// <summary>
/// A place presence is measured in, in metres in the map's projection: a polygon (holes and
/// several parts allowed) or a circle. Its boundary counts as inside. Answers which part of a
/// straight segment lies inside, exactly: the segment is cut at every crossing with the
/// boundary and each piece is tested at its middle.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class AreaShape
{
    // Points within this distance of the boundary are on it (1 µm: far below GPS noise, far above rounding).
    private const double BoundaryTolerance = 1e-6;

    // Each edge as its start point and its vector: x0, y0, dx, dy, in one array for locality.
    private readonly double[] _edges;
    private readonly double _centreX;
    private readonly double _centreY;
    private readonly double _radius;

    private AreaShape(double[] edges, double centreX, double centreY, double radius, Envelope envelope)
    {
        _edges = edges;
        _centreX = centreX;
        _centreY = centreY;
        _radius = radius;
        Envelope = envelope;
    }

    /// <summary>The shape's bounding box in metres.</summary>
    public Envelope Envelope { get; }

    /// <summary>True for a circle (a point location with a radius).</summary>
    public bool IsCircle => _radius > 0;

    /// <summary>
    /// The shape of a projected geometry: a Polygon or MultiPolygon, or a Point with
    /// <paramref name="radiusMetres"/> &gt; 0 for a circle.
    /// </summary>
    public static AreaShape FromGeometry(Geometry metres, double radiusMetres = 0)
    {
        ArgumentNullException.ThrowIfNull(metres);
        switch (metres)
        {
            case Point point when radiusMetres > 0 && double.IsFinite(radiusMetres):
                return Circle(point.X, point.Y, radiusMetres);
            case Point:
                throw new ArgumentException("A point location needs a radius of more than 0 metres.", nameof(radiusMetres));
            case Polygon or MultiPolygon when !metres.IsEmpty:
                return FromPolygons(metres);
            default:
                throw new ArgumentException($"An area must be a Polygon, a MultiPolygon or a Point with a radius, not {metres.GeometryType}.", nameof(metres));
        }
    }

    /// <summary>A circle of <paramref name="radius"/> metres around (x, y).</summary>
    public static AreaShape Circle(double x, double y, double radius)
    {
        if (!(radius > 0) || !double.IsFinite(radius))
        {
            throw new ArgumentOutOfRangeException(nameof(radius), radius, "A circle's radius must be more than 0 metres.");
        }

        return new AreaShape([], x, y, radius, new Envelope(x - radius, x + radius, y - radius, y + radius));
    }

    /// <summary>True when (x, y) is inside or on the boundary.</summary>
    public bool Contains(double x, double y)
    {
        if (IsCircle)
        {
            var dx = x - _centreX;
            var dy = y - _centreY;
            return (dx * dx) + (dy * dy) <= _radius * _radius;
        }

        if (!Envelope.Intersects(x, y))
        {
            return false;
        }

        // Even-odd crossing count of a ray to +x over every ring: right for holes and for the
        // disjoint parts of a MultiPolygon alike.
        var inside = false;
        var edges = _edges;
        for (var i = 0; i < edges.Length; i += 4)
        {
            double x0 = edges[i], y0 = edges[i + 1], dx = edges[i + 2], dy = edges[i + 3];
            if (DistanceToEdgeSquared(x, y, x0, y0, dx, dy) <= BoundaryTolerance * BoundaryTolerance)
            {
                return true;
            }

            var y1 = y0 + dy;
            if ((y0 > y) != (y1 > y))
            {
                var crossingX = x0 + ((y - y0) / dy * dx);
                if (crossingX > x)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>
    /// Adds to <paramref name="result"/>, in order, the parameter ranges [s0, s1] ⊆ [0, 1] of the
    /// segment a + s·(b − a) that lie inside, each of positive length. A segment of zero length
    /// (a stationary unit) is inside for all of [0, 1] or not at all.
    /// </summary>
    public void InsideRanges(double ax, double ay, double bx, double by, List<(double Start, double End)> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var dx = bx - ax;
        var dy = by - ay;
        if (dx == 0 && dy == 0)
        {
            if (Contains(ax, ay))
            {
                result.Add((0, 1));
            }

            return;
        }

        if (!SegmentMayTouch(ax, ay, bx, by))
        {
            return;
        }

        if (IsCircle)
        {
            CircleRange(ax, ay, dx, dy, result);
            return;
        }

        var cuts = new List<double>(8) { 0, 1 };
        AddBoundaryCrossings(ax, ay, dx, dy, cuts);
        cuts.Sort();

        var openStart = double.NaN;
        var previous = cuts[0];
        for (var i = 1; i < cuts.Count; i++)
        {
            var s = cuts[i];
            if (s <= previous)
            {
                continue;
            }

            var middle = (previous + s) / 2;
            var inside = Contains(ax + (middle * dx), ay + (middle * dy));
            if (inside && double.IsNaN(openStart))
            {
                openStart = previous;
            }
            else if (!inside && !double.IsNaN(openStart))
            {
                result.Add((openStart, previous));
                openStart = double.NaN;
            }

            previous = s;
        }

        if (!double.IsNaN(openStart))
        {
            result.Add((openStart, previous));
        }
    }

    private bool SegmentMayTouch(double ax, double ay, double bx, double by) =>
        Math.Max(ax, bx) >= Envelope.MinX && Math.Min(ax, bx) <= Envelope.MaxX
        && Math.Max(ay, by) >= Envelope.MinY && Math.Min(ay, by) <= Envelope.MaxY;

    private void CircleRange(double ax, double ay, double dx, double dy, List<(double Start, double End)> result)
    {
        // |a + s·d − c|² = r²  →  (d·d) s² + 2 (d·f) s + (f·f − r²) = 0 with f = a − c.
        var fx = ax - _centreX;
        var fy = ay - _centreY;
        var a = (dx * dx) + (dy * dy);
        var halfB = (dx * fx) + (dy * fy);
        var c = (fx * fx) + (fy * fy) - (_radius * _radius);
        var discriminant = (halfB * halfB) - (a * c);
        if (discriminant <= 0)
        {
            return;
        }

        var root = Math.Sqrt(discriminant);
        var start = Math.Max(0, (-halfB - root) / a);
        var end = Math.Min(1, (-halfB + root) / a);
        if (end > start)
        {
            result.Add((start, end));
        }
    }

    private void AddBoundaryCrossings(double ax, double ay, double dx, double dy, List<double> cuts)
    {
        var edges = _edges;
        for (var i = 0; i < edges.Length; i += 4)
        {
            double px = edges[i], py = edges[i + 1], ex = edges[i + 2], ey = edges[i + 3];
            var wx = px - ax;
            var wy = py - ay;
            var denominator = (dx * ey) - (dy * ex);
            if (denominator != 0)
            {
                var s = ((wx * ey) - (wy * ex)) / denominator;
                var u = ((wx * dy) - (wy * dx)) / denominator;
                if (s is >= 0 and <= 1 && u is >= -1e-12 and <= 1 + 1e-12)
                {
                    cuts.Add(s);
                }

                continue;
            }

            // Parallel: only a collinear edge matters, and it cuts the segment where it begins and ends.
            if ((wx * dy) - (wy * dx) == 0)
            {
                var lengthSquared = (dx * dx) + (dy * dy);
                AddClamped(((wx * dx) + (wy * dy)) / lengthSquared, cuts);
                AddClamped((((wx + ex) * dx) + ((wy + ey) * dy)) / lengthSquared, cuts);
            }
        }
    }

    private static void AddClamped(double s, List<double> cuts)
    {
        if (s is > 0 and < 1)
        {
            cuts.Add(s);
        }
    }

    private static double DistanceToEdgeSquared(double x, double y, double x0, double y0, double dx, double dy)
    {
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp((((x - x0) * dx) + ((y - y0) * dy)) / lengthSquared, 0, 1);
        var ex = x0 + (t * dx) - x;
        var ey = y0 + (t * dy) - y;
        return (ex * ex) + (ey * ey);
    }

    private static AreaShape FromPolygons(Geometry metres)
    {
        var edges = new List<double>();
        for (var p = 0; p < metres.NumGeometries; p++)
        {
            var polygon = (Polygon)metres.GetGeometryN(p);
            AddRing(polygon.ExteriorRing, edges);
            foreach (var hole in polygon.InteriorRings)
            {
                AddRing(hole, edges);
            }
        }

        return new AreaShape([.. edges], 0, 0, 0, metres.EnvelopeInternal.Copy());
    }

    private static void AddRing(LineString ring, List<double> edges)
    {
        var sequence = ring.CoordinateSequence;
        for (var i = 0; i + 1 < sequence.Count; i++)
        {
            double x0 = sequence.GetX(i), y0 = sequence.GetY(i);
            double dx = sequence.GetX(i + 1) - x0, dy = sequence.GetY(i + 1) - y0;
            if (dx != 0 || dy != 0)
            {
                edges.Add(x0);
                edges.Add(y0);
                edges.Add(dx);
                edges.Add(dy);
            }
        }
    }
}
