namespace Tracking.Core.Geo.Routing;

/// <summary>
/// A uniform grid over the straight segments of every edge shape, for snapping points to the
/// nearest road. Each segment is listed in every cell it passes through; a query looks at rings
/// of cells around the point's cell and stops once no unvisited cell can hold anything closer.
/// Immutable after construction; queries are safe from many threads.
/// </summary>
internal sealed class SegmentGrid
{
    // Aim for a few segments per cell; bound the cell count so a sparse, huge map stays small.
    private const double SegmentsPerCell = 4;
    private const long MaxCells = 4_000_000;

    private readonly RoadGraph _graph;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _cell;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellStart;
    private readonly int[] _cellSegments;
    private readonly int[] _segmentEdge;
    private readonly int[] _segmentPoint;

    public SegmentGrid(RoadGraph graph)
    {
        _graph = graph;
        var edges = new List<int>();
        var points = new List<int>();
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            if (!graph.HasShape(e))
            {
                continue;
            }

            for (var p = graph.ShapeStart(e); p < graph.ShapeEnd(e); p++)
            {
                minX = Math.Min(minX, graph.ShapeX(p));
                minY = Math.Min(minY, graph.ShapeY(p));
                maxX = Math.Max(maxX, graph.ShapeX(p));
                maxY = Math.Max(maxY, graph.ShapeY(p));
                if (p + 1 < graph.ShapeEnd(e))
                {
                    edges.Add(e);
                    points.Add(p);
                }
            }
        }

        _segmentEdge = [.. edges];
        _segmentPoint = [.. points];
        if (_segmentEdge.Length == 0)
        {
            _cell = 1;
            _columns = _rows = 1;
            _cellStart = new int[2];
            _cellSegments = [];
            return;
        }

        var width = Math.Max(maxX - minX, 1);
        var height = Math.Max(maxY - minY, 1);
        var cell = Math.Max(Math.Sqrt(width * height * SegmentsPerCell / _segmentEdge.Length), 1);
        while ((long)(Math.Floor(width / cell) + 1) * (long)(Math.Floor(height / cell) + 1) > MaxCells)
        {
            cell *= 1.5;
        }

        _minX = minX;
        _minY = minY;
        _cell = cell;
        _columns = (int)Math.Floor(width / cell) + 1;
        _rows = (int)Math.Floor(height / cell) + 1;

        // Two passes over the segments' cells: count, then fill (compressed rows per cell).
        _cellStart = new int[(_columns * _rows) + 1];
        for (var s = 0; s < _segmentEdge.Length; s++)
        {
            ForEachCell(s, cellIndex => _cellStart[cellIndex + 1]++);
        }

        for (var c = 0; c < _columns * _rows; c++)
        {
            _cellStart[c + 1] += _cellStart[c];
        }

        _cellSegments = new int[_cellStart[^1]];
        var fill = _cellStart.AsSpan(0, _columns * _rows).ToArray();
        for (var s = 0; s < _segmentEdge.Length; s++)
        {
            ForEachCell(s, cellIndex => _cellSegments[fill[cellIndex]++] = s);
        }
    }

    public RoadSnap? Nearest(double x, double y, double maxDistance)
    {
        if (_segmentEdge.Length == 0 || !double.IsFinite(x) || !double.IsFinite(y) || double.IsNaN(maxDistance) || maxDistance < 0)
        {
            return null;
        }

        var bestD2 = double.IsPositiveInfinity(maxDistance) ? double.PositiveInfinity : maxDistance * maxDistance;
        var best = -1;
        var bestT = 0.0;
        var cx = Column(x);
        var cy = Row(y);
        for (var r = 0; ; r++)
        {
            int x0 = cx - r, x1 = cx + r, y0 = cy - r, y1 = cy + r;
            for (var row = Math.Max(y0, 0); row <= Math.Min(y1, _rows - 1); row++)
            {
                var edgeRow = row == y0 || row == y1;
                for (var col = Math.Max(x0, 0); col <= Math.Min(x1, _columns - 1); col++)
                {
                    if (!edgeRow && col != x0 && col != x1)
                    {
                        col = x1 - 1; // skip the inside, visited in earlier rings
                        continue;
                    }

                    var cellIndex = (row * _columns) + col;
                    for (var i = _cellStart[cellIndex]; i < _cellStart[cellIndex + 1]; i++)
                    {
                        var s = _cellSegments[i];
                        var d2 = SegmentDistanceSquared(s, x, y, out var t);
                        if (d2 < bestD2 || (d2 == bestD2 && best >= 0 && s < best))
                        {
                            bestD2 = d2;
                            best = s;
                            bestT = t;
                        }
                    }
                }
            }

            // Every unvisited cell lies beyond one of the visited square's sides that is not
            // the grid's border: the nearest such half-plane bounds what could still be closer.
            var bound = double.PositiveInfinity;
            if (x0 > 0)
            {
                bound = Math.Min(bound, x - (_minX + (x0 * _cell)));
            }

            if (x1 < _columns - 1)
            {
                bound = Math.Min(bound, _minX + ((x1 + 1) * _cell) - x);
            }

            if (y0 > 0)
            {
                bound = Math.Min(bound, y - (_minY + (y0 * _cell)));
            }

            if (y1 < _rows - 1)
            {
                bound = Math.Min(bound, _minY + ((y1 + 1) * _cell) - y);
            }

            if (double.IsPositiveInfinity(bound))
            {
                break;
            }

            if (bound > 0 && bound * bound > bestD2)
            {
                break;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var edge = _segmentEdge[best];
        var p = _segmentPoint[best];
        var ax = _graph.ShapeX(p);
        var ay = _graph.ShapeY(p);
        var bx = _graph.ShapeX(p + 1);
        var by = _graph.ShapeY(p + 1);
        var sx = ax + (bestT * (bx - ax));
        var sy = ay + (bestT * (by - ay));
        var along = _graph.ShapeAlong(p) + (bestT * (_graph.ShapeAlong(p + 1) - _graph.ShapeAlong(p)));
        return new RoadSnap(edge, along, Math.Sqrt(bestD2), sx, sy);
    }

    private int Column(double x) => Math.Clamp((int)Math.Floor((x - _minX) / _cell), 0, _columns - 1);

    private int Row(double y) => Math.Clamp((int)Math.Floor((y - _minY) / _cell), 0, _rows - 1);

    private double SegmentDistanceSquared(int segment, double x, double y, out double t)
    {
        var p = _segmentPoint[segment];
        var ax = _graph.ShapeX(p);
        var ay = _graph.ShapeY(p);
        var dx = _graph.ShapeX(p + 1) - ax;
        var dy = _graph.ShapeY(p + 1) - ay;
        var length2 = (dx * dx) + (dy * dy);
        t = length2 > 0 ? Math.Clamp((((x - ax) * dx) + ((y - ay) * dy)) / length2, 0, 1) : 0;
        var ex = ax + (t * dx) - x;
        var ey = ay + (t * dy) - y;
        return (ex * ex) + (ey * ey);
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every cell the segment passes through: the cells of its
    /// bounding box whose centre lies within half a cell diagonal of the segment (every cell the
    /// segment touches does; a few it only grazes are listed too, which costs nothing but a test).
    /// </summary>
    private void ForEachCell(int segment, Action<int> visit)
    {
        var p = _segmentPoint[segment];
        double ax = _graph.ShapeX(p), ay = _graph.ShapeY(p), bx = _graph.ShapeX(p + 1), by = _graph.ShapeY(p + 1);
        int c0 = Column(Math.Min(ax, bx)), c1 = Column(Math.Max(ax, bx));
        int r0 = Row(Math.Min(ay, by)), r1 = Row(Math.Max(ay, by));
        var reach = _cell * Math.Sqrt(0.5) * 1.000001;
        var single = c0 == c1 || r0 == r1;
        for (var row = r0; row <= r1; row++)
        {
            for (var col = c0; col <= c1; col++)
            {
                if (!single)
                {
                    var centreX = _minX + ((col + 0.5) * _cell);
                    var centreY = _minY + ((row + 0.5) * _cell);
                    if (SegmentDistanceSquared(segment, centreX, centreY, out _) > reach * reach)
                    {
                        continue;
                    }
                }

                visit((row * _columns) + col);
            }
        }
    }
}
