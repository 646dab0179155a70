namespace Tracking.Core.Geo.Matching;

/// <summary>
/// The areas' bounding boxes in a coarse uniform grid, for <see cref="AreaIndex.Candidates"/>: each cell lists the
/// areas whose box overlaps it. Immutable and thread-safe once built.
/// </summary>
internal sealed class AreaBoxGrid
{
    private const int MaxColumns = 256;

    private readonly double[] _boxes;   // minX, minY, maxX, maxY per area; NaN for an area with no geometry
    private readonly int[] _firstColumn;
    private readonly int[] _firstRow;
    private readonly int[] _cellStart;  // Columns * Rows + 1 offsets into _cellAreas
    private readonly int[] _cellAreas;
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _inverseWidth;
    private readonly double _inverseHeight;
    private readonly int _columns;
    private readonly int _rows;

    public AreaBoxGrid(IReadOnlyList<IndexedArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        _boxes = new double[4 * areas.Count];
        _firstColumn = new int[areas.Count];
        _firstRow = new int[areas.Count];
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < areas.Count; i++)
        {
            var envelope = areas[i].Metres.EnvelopeInternal;
            var radius = areas[i].Metres is NetTopologySuite.Geometries.Point ? areas[i].RadiusMetres : 0;
            if (envelope.IsNull)
            {
                _boxes.AsSpan(4 * i, 4).Fill(double.NaN);
                continue;
            }

            _boxes[4 * i] = envelope.MinX - radius;
            _boxes[(4 * i) + 1] = envelope.MinY - radius;
            _boxes[(4 * i) + 2] = envelope.MaxX + radius;
            _boxes[(4 * i) + 3] = envelope.MaxY + radius;
            minX = Math.Min(minX, _boxes[4 * i]);
            minY = Math.Min(minY, _boxes[(4 * i) + 1]);
            maxX = Math.Max(maxX, _boxes[(4 * i) + 2]);
            maxY = Math.Max(maxY, _boxes[(4 * i) + 3]);
        }

        if (minX > maxX)
        {
            _cellStart = [0];
            _cellAreas = [];
            _columns = _rows = 0;
            return;
        }

        // About one cell per area, at most MaxColumns a side: a query box of a few hundred metres then reads a few cells.
        var width = Math.Max(maxX - minX, 1e-9);
        var height = Math.Max(maxY - minY, 1e-9);
        var side = Math.Sqrt(width * height / Math.Max(1, areas.Count));
        _columns = (int)Math.Clamp(Math.Ceiling(width / side), 1, MaxColumns);
        _rows = (int)Math.Clamp(Math.Ceiling(height / side), 1, MaxColumns);
        _minX = minX;
        _minY = minY;
        _inverseWidth = _columns / width;
        _inverseHeight = _rows / height;

        var counts = new int[(_columns * _rows) + 1];
        var cellAreas = Array.Empty<int>();
        for (var pass = 0; pass < 2; pass++)
        {
            var fill = pass == 1 ? new int[counts.Length] : null;
            for (var i = 0; i < areas.Count; i++)
            {
                if (double.IsNaN(_boxes[4 * i]))
                {
                    continue;
                }

                int c0 = Column(_boxes[4 * i]), c1 = Column(_boxes[(4 * i) + 2]);
                int r0 = Row(_boxes[(4 * i) + 1]), r1 = Row(_boxes[(4 * i) + 3]);
                _firstColumn[i] = c0;
                _firstRow[i] = r0;
                for (var row = r0; row <= r1; row++)
                {
                    for (var column = c0; column <= c1; column++)
                    {
                        var cell = (row * _columns) + column;
                        if (fill is null)
                        {
                            counts[cell + 1]++;
                        }
                        else
                        {
                            cellAreas[counts[cell] + fill[cell]++] = i;
                        }
                    }
                }
            }

            if (pass == 0)
            {
                for (var c = 1; c < counts.Length; c++)
                {
                    counts[c] += counts[c - 1];
                }

                cellAreas = new int[counts[^1]];
            }
        }

        _cellStart = counts;
        _cellAreas = cellAreas;
    }

    /// <summary>Indices of the areas whose box intersects the query box (touching counts), ascending.</summary>
    public void Candidates(double minX, double minY, double maxX, double maxY, List<int> result)
    {
        result.Clear();
        if (_columns == 0 || !(minX <= maxX) || !(minY <= maxY))
        {
            return;
        }

        var gridMaxX = _minX + (_columns / _inverseWidth);
        var gridMaxY = _minY + (_rows / _inverseHeight);
        if (maxX < _minX || maxY < _minY || minX > gridMaxX || minY > gridMaxY)
        {
            return;
        }

        int c0 = Column(minX), c1 = Column(maxX), r0 = Row(minY), r1 = Row(maxY);
        for (var row = r0; row <= r1; row++)
        {
            for (var column = c0; column <= c1; column++)
            {
                var cell = (row * _columns) + column;
                for (var k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
                {
                    var area = _cellAreas[k];
                    var box = _boxes.AsSpan(4 * area, 4);
                    if (box[0] > maxX || box[2] < minX || box[1] > maxY || box[3] < minY)
                    {
                        continue;
                    }

                    // Report each area once: from the first cell that both boxes share, in this scan's order.
                    if (column == Math.Max(c0, _firstColumn[area]) && row == Math.Max(r0, _firstRow[area]))
                    {
                        result.Add(area);
                    }
                }
            }
        }

        result.Sort();
    }

    private int Column(double x) => (int)Math.Clamp(Math.Floor((x - _minX) * _inverseWidth), 0, _columns - 1);

    private int Row(double y) => (int)Math.Clamp(Math.Floor((y - _minY) * _inverseHeight), 0, _rows - 1);
}
