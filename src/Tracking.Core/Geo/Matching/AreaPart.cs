using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// One part of an area while the index is built: a polygon (shell and holes as one list of edges, whose crossing
/// parity decides inside) or a circle. A MultiPolygon gives one part per polygon; the area contains a point when
/// any of its parts does.
/// </summary>
internal sealed class AreaPart
{
    private AreaPart(int area, bool isBeat, double[] edges, CircleArea circle, int circleIndex)
    {
        Area = area;
        IsBeat = isBeat;
        Edges = edges;
        Circle = circle;
        CircleIndex = circleIndex;
    }

    public int Area { get; }

    public bool IsBeat { get; }

    /// <summary>Edges as (ax, ay, bx, by) quadruples; empty for a circle.</summary>
    public double[] Edges { get; }

    public int EdgeCount => Edges.Length / 4;

    public bool IsCircle => CircleIndex >= 0;

    public CircleArea Circle { get; }

    public int CircleIndex { get; }

    public double MinX { get; private set; } = double.PositiveInfinity;

    public double MinY { get; private set; } = double.PositiveInfinity;

    public double MaxX { get; private set; } = double.NegativeInfinity;

    public double MaxY { get; private set; } = double.NegativeInfinity;

    public static AreaPart FromEdges(int area, bool isBeat, double[] edges)
    {
        var part = new AreaPart(area, isBeat, edges, default, -1);
        for (var i = 0; i < edges.Length; i += 2)
        {
            part.MinX = Math.Min(part.MinX, edges[i]);
            part.MaxX = Math.Max(part.MaxX, edges[i]);
            part.MinY = Math.Min(part.MinY, edges[i + 1]);
            part.MaxY = Math.Max(part.MaxY, edges[i + 1]);
        }

        return part;
    }

    public static AreaPart FromCircle(int area, bool isBeat, CircleArea circle, int circleIndex) =>
        new(area, isBeat, [], circle, circleIndex)
        {
            MinX = circle.CentreX - circle.Radius,
            MinY = circle.CentreY - circle.Radius,
            MaxX = circle.CentreX + circle.Radius,
            MaxY = circle.CentreY + circle.Radius,
        };

    /// <summary>
    /// Where the point is relative to this polygon part, exactly: a horizontal ray to the right counts the edges it
    /// crosses, each edge owning its lower end and not its upper one so that a ray through a vertex counts once.
    /// Used while building only (it reads every edge).
    /// </summary>
    public Location Locate(double x, double y)
    {
        var edges = Edges;
        var crossings = 0;
        for (var i = 0; i < edges.Length; i += 4)
        {
            double ax = edges[i], ay = edges[i + 1], bx = edges[i + 2], by = edges[i + 3];
            if ((ay > y) != (by > y))
            {
                var side = PlaneOrientation.Sign(ax, ay, bx, by, x, y);
                if (side == 0)
                {
                    return Location.Boundary;
                }

                // The crossing is right of the point when the point is left of an upward edge or right of a downward one.
                if ((side > 0) == (by > ay))
                {
                    crossings++;
                }
            }
            else if ((ax == x && ay == y) || (bx == x && by == y))
            {
                return Location.Boundary;
            }
            else if (ay == y && by == y && x >= Math.Min(ax, bx) && x <= Math.Max(ax, bx))
            {
                return Location.Boundary;
            }
        }

        return (crossings & 1) == 1 ? Location.Interior : Location.Exterior;
    }
}
