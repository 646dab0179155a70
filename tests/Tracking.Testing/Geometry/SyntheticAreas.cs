using NetTopologySuite.Geometries;

namespace Tracking.Testing.Geometry;

/// <summary>
/// Seeded random areas in metres, shaped like real beats and priority locations: a tiling of wiggly beats whose
/// neighbours share every vertex exactly, star-shaped (concave) polygons with and without holes, multipolygons,
/// axis-aligned rectangles (edges on round coordinates, some shared between areas) and circles.
/// </summary>
public static class SyntheticAreas
{
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 27700);

    /// <summary>
    /// <paramref name="columns"/> × <paramref name="rows"/> beats over a rectangle: a lattice whose inner nodes are
    /// jittered, each lattice edge a polyline of <paramref name="segmentsPerSide"/> segments wiggling across the
    /// straight line (less towards its ends). Each polyline is made once and used by both beats beside it, so the
    /// beats tile the rectangle without gaps or overlaps.
    /// </summary>
    public static List<Polygon> WigglyTiling(Random random, double originX, double originY, double cellWidth, double cellHeight, int columns, int rows, int segmentsPerSide)
    {
        var nodes = new Coordinate[columns + 1, rows + 1];
        for (var i = 0; i <= columns; i++)
        {
            for (var j = 0; j <= rows; j++)
            {
                var jitterX = i > 0 && i < columns ? (random.NextDouble() - 0.5) * 0.4 * cellWidth : 0;
                var jitterY = j > 0 && j < rows ? (random.NextDouble() - 0.5) * 0.4 * cellHeight : 0;
                nodes[i, j] = new Coordinate(originX + (i * cellWidth) + jitterX, originY + (j * cellHeight) + jitterY);
            }
        }

        var horizontal = new Coordinate[columns, rows + 1][];
        var vertical = new Coordinate[columns + 1, rows][];
        for (var i = 0; i < columns; i++)
        {
            for (var j = 0; j <= rows; j++)
            {
                horizontal[i, j] = Wiggle(random, nodes[i, j], nodes[i + 1, j], segmentsPerSide, j > 0 && j < rows);
            }
        }

        for (var i = 0; i <= columns; i++)
        {
            for (var j = 0; j < rows; j++)
            {
                vertical[i, j] = Wiggle(random, nodes[i, j], nodes[i, j + 1], segmentsPerSide, i > 0 && i < columns);
            }
        }

        var beats = new List<Polygon>();
        for (var j = 0; j < rows; j++)
        {
            for (var i = 0; i < columns; i++)
            {
                var ring = new List<Coordinate>();
                ring.AddRange(horizontal[i, j][..^1]);
                ring.AddRange(vertical[i + 1, j][..^1]);
                ring.AddRange(horizontal[i, j + 1].Reverse().ToArray()[..^1]);
                ring.AddRange(vertical[i, j].Reverse().ToArray()[..^1]);
                ring.Add(ring[0].Copy());
                beats.Add(Factory.CreatePolygon([.. ring]));
            }
        }

        return beats;
    }

    private static Coordinate[] Wiggle(Random random, Coordinate from, Coordinate to, int segments, bool wiggles)
    {
        var points = new Coordinate[segments + 1];
        points[0] = from;
        points[segments] = to;
        double dx = to.X - from.X, dy = to.Y - from.Y;
        var length = Math.Sqrt((dx * dx) + (dy * dy));
        for (var k = 1; k < segments; k++)
        {
            var t = (double)k / segments;
            var offset = wiggles ? (random.NextDouble() - 0.5) * 0.16 * length * Math.Sin(Math.PI * t) : 0;
            points[k] = new Coordinate(from.X + (t * dx) - (offset * dy / length), from.Y + (t * dy) + (offset * dx / length));
        }

        return points;
    }

    /// <summary>A star-shaped polygon about the centre: every vertex at its own radius between the two given.</summary>
    public static LinearRing StarRing(Random random, double centreX, double centreY, double minRadius, double maxRadius, int vertices)
    {
        var ring = new Coordinate[vertices + 1];
        for (var k = 0; k < vertices; k++)
        {
            var angle = (2 * Math.PI * (k + ((random.NextDouble() - 0.5) * 0.5))) / vertices;
            var radius = minRadius + (random.NextDouble() * (maxRadius - minRadius));
            ring[k] = new Coordinate(centreX + (radius * Math.Cos(angle)), centreY + (radius * Math.Sin(angle)));
        }

        ring[vertices] = ring[0].Copy();
        return Factory.CreateLinearRing(ring);
    }

    public static Polygon Star(Random random, double centreX, double centreY, double minRadius, double maxRadius, int vertices) =>
        Factory.CreatePolygon(StarRing(random, centreX, centreY, minRadius, maxRadius, vertices));

    /// <summary>A star with one or two star-shaped holes inside its smallest radius.</summary>
    public static Polygon StarWithHoles(Random random, double centreX, double centreY, double minRadius, double maxRadius, int vertices)
    {
        var shell = StarRing(random, centreX, centreY, minRadius, maxRadius, vertices);
        if (random.Next(2) == 0)
        {
            return Factory.CreatePolygon(shell, [StarRing(random, centreX, centreY, minRadius * 0.2, minRadius * 0.6, vertices / 2)]);
        }

        // Two holes side by side, each within its own half of the inner disc.
        var offset = minRadius * 0.45;
        return Factory.CreatePolygon(shell,
        [
            StarRing(random, centreX - offset, centreY, minRadius * 0.1, minRadius * 0.35, vertices / 3),
            StarRing(random, centreX + offset, centreY, minRadius * 0.1, minRadius * 0.35, vertices / 3),
        ]);
    }

    /// <summary>Two or three stars far enough apart not to touch, as one MultiPolygon.</summary>
    public static MultiPolygon StarCluster(Random random, double centreX, double centreY, double maxRadius, int vertices)
    {
        var count = 2 + random.Next(2);
        var polygons = new Polygon[count];
        for (var k = 0; k < count; k++)
        {
            var angle = 2 * Math.PI * k / count;
            var distance = maxRadius * 1.3;
            var star = k == 0 && random.Next(2) == 0
                ? StarWithHoles(random, centreX + (distance * Math.Cos(angle)), centreY + (distance * Math.Sin(angle)), maxRadius * 0.5, maxRadius * 0.6, vertices)
                : Star(random, centreX + (distance * Math.Cos(angle)), centreY + (distance * Math.Sin(angle)), maxRadius * 0.3, maxRadius * 0.6, vertices);
            polygons[k] = star;
        }

        return Factory.CreateMultiPolygon(polygons);
    }

    public static Polygon Rectangle(double minX, double minY, double maxX, double maxY) =>
        Factory.CreatePolygon(
        [
            new Coordinate(minX, minY), new Coordinate(maxX, minY), new Coordinate(maxX, maxY),
            new Coordinate(minX, maxY), new Coordinate(minX, minY),
        ]);

    public static Point Point(double x, double y) => Factory.CreatePoint(new Coordinate(x, y));
}
