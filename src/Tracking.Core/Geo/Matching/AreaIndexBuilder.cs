using NetTopologySuite.Geometries;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// Builds the grids of an <see cref="AreaIndex"/>: a top grid over the areas' extent, where every cell crowded with
/// edges is replaced by a finer grid, recursively. Each leaf cell lists, per area part near it, either "wholly inside"
/// or the part's edges that come near the cell, with the inside state of a reference point of the cell.
/// </summary>
/// <remarks>
/// "Near" is decided against the cell grown by a small margin, larger than any rounding in finding a point's cell,
/// so a point always lies in the grown rectangle of the cell it is looked up in, and the straight path from the
/// reference point to it crosses only listed edges.
/// </remarks>
internal sealed class AreaIndexBuilder
{
    // A leaf with more edges than this is subdivided (while depth and size allow). Reading a few more edges costs less
    // than another cache miss into a finer grid: on the benchmark's map, limits from 8 to 64 edges all matched a fix in
    // 0.2-0.4 µs (a busy machine could not tell them apart) while memory fell from 38 to 10 MB; 16 keeps the worst
    // leaf cheap at about 18 MB.
    private const int MaxEdgesPerLeaf = 16;

    // A crowded cell is split into about this many edges per sub-cell (an edge crossing a k × k grid meets ~k cells).
    private const double EdgesPerSubcell = 4;
    private const int MaxDepth = 4;
    private const int MaxSubdivision = 16;

    // The top grid gets about one cell per this many edges; crowded cells are subdivided after.
    private const int EdgesPerTopCell = 8;
    private const int MaxTopColumns = 2048;

    private const int InsideMarker = -1;
    private const int CircleMarker = -2;

    // Relative slack on circle classification, far above the rounding of a distance computed in doubles.
    private const double CircleSlack = 1e-9;

    private readonly List<AreaPart> _parts;
    private readonly List<GridLevel> _grids = [];
    private readonly List<GridCell> _cells = [];
    private readonly List<CellSlot> _slots = [];
    private readonly double _slack;

    private AreaIndexBuilder(List<AreaPart> parts, double slack)
    {
        _parts = parts;
        _slack = slack;
    }

    public static AreaIndexLayout Build(IReadOnlyList<IndexedArea> areas)
    {
        var parts = new List<AreaPart>();
        var circles = new List<CircleArea>();
        for (var i = 0; i < areas.Count; i++)
        {
            AddParts(areas[i] ?? throw new ArgumentException($"Area {i} is null.", nameof(areas)), i, parts, circles);
        }

        if (parts.Count == 0)
        {
            // One empty cell, so that queries need no special case for an empty map.
            return new AreaIndexLayout([new GridLevel(0, 0, 1, 1, 1, 1, 0)], [default], [], []);
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        long edgeCount = 0;
        foreach (var part in parts)
        {
            minX = Math.Min(minX, part.MinX);
            minY = Math.Min(minY, part.MinY);
            maxX = Math.Max(maxX, part.MaxX);
            maxY = Math.Max(maxY, part.MaxY);
            edgeCount += part.IsCircle ? 4 : part.EdgeCount;
        }

        var magnitude = Math.Max(Math.Max(Math.Abs(minX), Math.Abs(maxX)), Math.Max(Math.Abs(minY), Math.Abs(maxY)));
        var span = Math.Max(maxX - minX, maxY - minY);
        // Far above the rounding of (x - MinX) * InverseWidth and of cell corners, far below anything a map measures.
        var slack = (64 * (Math.BitIncrement(magnitude) - magnitude)) + (1e-12 * span) + double.Epsilon;
        var pad = Math.Max(span * 1e-9, 16 * slack);
        minX -= pad;
        minY -= pad;
        maxX += pad;
        maxY += pad;

        var width = maxX - minX;
        var height = maxY - minY;
        var topCells = Math.Clamp(edgeCount / EdgesPerTopCell, 1, (long)MaxTopColumns * MaxTopColumns);
        var side = Math.Sqrt(width * height / topCells);
        var columns = (int)Math.Clamp(Math.Ceiling(width / side), 1, MaxTopColumns);
        var rows = (int)Math.Clamp(Math.Ceiling(height / side), 1, MaxTopColumns);

        var builder = new AreaIndexBuilder(parts, slack);
        var items = new List<PartInCell>(parts.Count);
        for (var p = 0; p < parts.Count; p++)
        {
            items.Add(parts[p].IsCircle ? new PartInCell(p, null, false) : new PartInCell(p, AllEdges(parts[p]), false));
        }

        builder.BuildGrid(minX, minY, width / columns, height / rows, columns, rows, items, depth: 0);
        return new AreaIndexLayout([.. builder._grids], [.. builder._cells], [.. builder._slots], [.. circles]);
    }

    private static int[] AllEdges(AreaPart part)
    {
        var ids = new int[part.EdgeCount];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = i;
        }

        return ids;
    }

    private static void AddParts(IndexedArea area, int index, List<AreaPart> parts, List<CircleArea> circles)
    {
        var isBeat = area.Kind == AreaKind.Beat;
        switch (area.Metres)
        {
            case Point point:
                if (point.IsEmpty || !double.IsFinite(point.X) || !double.IsFinite(point.Y)
                    || !double.IsFinite(area.RadiusMetres) || area.RadiusMetres <= 0)
                {
                    throw new ArgumentException(
                        $"Area '{area.Id}' is a point: it needs finite coordinates and a radius > 0 metres (got {area.RadiusMetres}).",
                        nameof(area));
                }

                parts.Add(AreaPart.FromCircle(index, isBeat, new CircleArea(point.X, point.Y, area.RadiusMetres), circles.Count));
                circles.Add(new CircleArea(point.X, point.Y, area.RadiusMetres));
                break;
            case Polygon polygon:
                AddPolygon(area, index, isBeat, polygon, parts);
                break;
            case MultiPolygon multi:
                for (var i = 0; i < multi.NumGeometries; i++)
                {
                    AddPolygon(area, index, isBeat, (Polygon)multi.GetGeometryN(i), parts);
                }

                break;
            default:
                throw new ArgumentException(
                    $"Area '{area.Id}' is a {area.Metres?.GeometryType ?? "null"}: only Polygon, MultiPolygon or a Point with a radius can be matched.",
                    nameof(area));
        }
    }

    private static void AddPolygon(IndexedArea area, int index, bool isBeat, Polygon polygon, List<AreaPart> parts)
    {
        if (polygon.IsEmpty)
        {
            return;
        }

        var edges = new List<double>();
        AddRing(area, polygon.Shell, edges);
        foreach (var hole in polygon.Holes)
        {
            AddRing(area, hole, edges);
        }

        if (edges.Count > 0)
        {
            parts.Add(AreaPart.FromEdges(index, isBeat, [.. edges]));
        }
    }

    private static void AddRing(IndexedArea area, LineString ring, List<double> edges)
    {
        var sequence = ring.CoordinateSequence;
        for (var i = 0; i + 1 < sequence.Count; i++)
        {
            double ax = sequence.GetX(i), ay = sequence.GetY(i), bx = sequence.GetX(i + 1), by = sequence.GetY(i + 1);
            if (!double.IsFinite(ax) || !double.IsFinite(ay) || !double.IsFinite(bx) || !double.IsFinite(by))
            {
                throw new ArgumentException($"Area '{area.Id}' has a coordinate that is not a finite number.", nameof(area));
            }

            // A repeated vertex is no edge: it bounds nothing, and the crossing test needs every edge to have a line.
            if (ax != bx || ay != by)
            {
                edges.Add(ax);
                edges.Add(ay);
                edges.Add(bx);
                edges.Add(by);
            }
        }

        // An unclosed ring (possible in hand-built geometry) is closed implicitly, as every ring is in the model.
        if (sequence.Count > 1)
        {
            double fx = sequence.GetX(0), fy = sequence.GetY(0);
            double lx = sequence.GetX(sequence.Count - 1), ly = sequence.GetY(sequence.Count - 1);
            if (fx != lx || fy != ly)
            {
                edges.Add(lx);
                edges.Add(ly);
                edges.Add(fx);
                edges.Add(fy);
            }
        }
    }

    private int BuildGrid(double minX, double minY, double cellWidth, double cellHeight, int columns, int rows, List<PartInCell> items, int depth)
    {
        var grid = new GridLevel(minX, minY, cellWidth, cellHeight, columns, rows, _cells.Count);
        var gridIndex = _grids.Count;
        _grids.Add(grid);
        for (var i = 0; i < grid.CellCount; i++)
        {
            _cells.Add(default);
        }

        var margin = _slack + (1e-7 * Math.Max(cellWidth, cellHeight));
        var incidences = new List<Incidence>();
        foreach (var item in items)
        {
            var part = _parts[item.Part];
            if (item.Inside)
            {
                for (var cell = 0; cell < grid.CellCount; cell++)
                {
                    incidences.Add(new Incidence(cell, item.Part, InsideMarker));
                }
            }
            else if (part.IsCircle)
            {
                AddCircle(grid, margin, item.Part, part.Circle, incidences);
            }
            else
            {
                AddPolygon(grid, margin, item, part, incidences);
            }
        }

        incidences.Sort();
        var start = 0;
        while (start < incidences.Count)
        {
            var end = start;
            while (end < incidences.Count && incidences[end].Cell == incidences[start].Cell)
            {
                end++;
            }

            FillCell(grid, incidences, start, end, depth);
            start = end;
        }

        return gridIndex;
    }

    private static (double X0, double Y0, double X1, double Y1) CellRectangle(in GridLevel grid, int column, int row) =>
        (grid.MinX + (column * grid.CellWidth), grid.MinY + (row * grid.CellHeight),
         grid.MinX + ((column + 1) * grid.CellWidth), grid.MinY + ((row + 1) * grid.CellHeight));

    private static int Column(in GridLevel grid, double x) =>
        (int)Math.Clamp(Math.Floor((x - grid.MinX) * grid.InverseWidth), 0, grid.Columns - 1);

    private static int Row(in GridLevel grid, double y) =>
        (int)Math.Clamp(Math.Floor((y - grid.MinY) * grid.InverseHeight), 0, grid.Rows - 1);

    private static void AddCircle(in GridLevel grid, double margin, int partIndex, CircleArea circle, List<Incidence> incidences)
    {
        int c0 = Column(grid, circle.CentreX - circle.Radius - margin), c1 = Column(grid, circle.CentreX + circle.Radius + margin);
        int r0 = Row(grid, circle.CentreY - circle.Radius - margin), r1 = Row(grid, circle.CentreY + circle.Radius + margin);
        for (var row = r0; row <= r1; row++)
        {
            for (var column = c0; column <= c1; column++)
            {
                var (x0, y0, x1, y1) = CellRectangle(grid, column, row);
                x0 -= margin;
                y0 -= margin;
                x1 += margin;
                y1 += margin;
                var nearX = Math.Clamp(circle.CentreX, x0, x1) - circle.CentreX;
                var nearY = Math.Clamp(circle.CentreY, y0, y1) - circle.CentreY;
                if (Math.Sqrt((nearX * nearX) + (nearY * nearY)) > circle.Radius * (1 + CircleSlack))
                {
                    continue;
                }

                var farX = Math.Max(Math.Abs(x0 - circle.CentreX), Math.Abs(x1 - circle.CentreX));
                var farY = Math.Max(Math.Abs(y0 - circle.CentreY), Math.Abs(y1 - circle.CentreY));
                var whollyInside = Math.Sqrt((farX * farX) + (farY * farY)) * (1 + CircleSlack) < circle.Radius;
                incidences.Add(new Incidence((row * grid.Columns) + column, partIndex, whollyInside ? InsideMarker : CircleMarker));
            }
        }
    }

    private static void AddPolygon(in GridLevel grid, double margin, PartInCell item, AreaPart part, List<Incidence> incidences)
    {
        int c0 = Column(grid, part.MinX - margin), c1 = Column(grid, part.MaxX + margin);
        int r0 = Row(grid, part.MinY - margin), r1 = Row(grid, part.MaxY + margin);
        int width = c1 - c0 + 1, height = r1 - r0 + 1;
        var hasEdge = new bool[width * height];
        var edges = part.Edges;
        foreach (var edge in item.Edges!)
        {
            double ax = edges[4 * edge], ay = edges[(4 * edge) + 1], bx = edges[(4 * edge) + 2], by = edges[(4 * edge) + 3];
            int ec0 = Column(grid, Math.Min(ax, bx) - margin), ec1 = Column(grid, Math.Max(ax, bx) + margin);
            int er0 = Row(grid, Math.Min(ay, by) - margin), er1 = Row(grid, Math.Max(ay, by) + margin);
            for (var row = er0; row <= er1; row++)
            {
                for (var column = ec0; column <= ec1; column++)
                {
                    var (x0, y0, x1, y1) = CellRectangle(grid, column, row);
                    if (SegmentTouchesRectangle(ax, ay, bx, by, x0 - margin, y0 - margin, x1 + margin, y1 + margin))
                    {
                        incidences.Add(new Incidence((row * grid.Columns) + column, item.Part, edge));
                        hasEdge[((row - r0) * width) + column - c0] = true;
                    }
                }
            }
        }

        // A cell no edge comes near is wholly inside or wholly outside, like any such cell next to it (their union
        // is connected and meets no edge), so only the first cell of each such run needs an exact test.
        var inside = new sbyte[width * height];
        for (var row = 0; row < height; row++)
        {
            for (var column = 0; column < width; column++)
            {
                var at = (row * width) + column;
                if (hasEdge[at])
                {
                    continue;
                }

                sbyte state;
                if (column > 0 && !hasEdge[at - 1])
                {
                    state = inside[at - 1];
                }
                else if (row > 0 && !hasEdge[at - width])
                {
                    state = inside[at - width];
                }
                else
                {
                    var (x0, y0, x1, y1) = CellRectangle(grid, column + c0, row + r0);
                    state = part.Locate((x0 + x1) / 2, (y0 + y1) / 2) switch
                    {
                        Location.Interior => 1,
                        Location.Exterior => -1,
                        _ => throw new InvalidOperationException("The centre of a cell that no edge comes near lies on an edge: the index is inconsistent."),
                    };
                }

                inside[at] = state;
                if (state > 0)
                {
                    incidences.Add(new Incidence(((row + r0) * grid.Columns) + column + c0, item.Part, InsideMarker));
                }
            }
        }
    }

    /// <summary>
    /// True when the segment may touch the closed rectangle: their bounding boxes overlap and the segment's line does
    /// not leave all four corners strictly on one side. Callers pass a rectangle grown by the margin, so an edge that
    /// truly touches the cell passes with room to spare whatever the rounding here.
    /// </summary>
    internal static bool SegmentTouchesRectangle(double ax, double ay, double bx, double by, double x0, double y0, double x1, double y1)
    {
        if (Math.Max(ax, bx) < x0 || Math.Min(ax, bx) > x1 || Math.Max(ay, by) < y0 || Math.Min(ay, by) > y1)
        {
            return false;
        }

        double dx = bx - ax, dy = by - ay;
        var s00 = (dx * (y0 - ay)) - (dy * (x0 - ax));
        var s01 = (dx * (y1 - ay)) - (dy * (x0 - ax));
        var s10 = (dx * (y0 - ay)) - (dy * (x1 - ax));
        var s11 = (dx * (y1 - ay)) - (dy * (x1 - ax));
        return !((s00 > 0 && s01 > 0 && s10 > 0 && s11 > 0) || (s00 < 0 && s01 < 0 && s10 < 0 && s11 < 0));
    }

    private void FillCell(in GridLevel grid, List<Incidence> incidences, int start, int end, int depth)
    {
        var cell = incidences[start].Cell;
        int column = cell % grid.Columns, row = cell / grid.Columns;
        var (x0, y0, x1, y1) = CellRectangle(grid, column, row);
        var edgeCount = 0;
        for (var i = start; i < end; i++)
        {
            if (incidences[i].Edge >= 0)
            {
                edgeCount++;
            }
        }

        if (edgeCount > MaxEdgesPerLeaf && depth < MaxDepth)
        {
            var split = Math.Clamp((int)Math.Ceiling(Math.Sqrt(edgeCount / EdgesPerSubcell)), 2, MaxSubdivision);
            // The same arithmetic as the query's descent into the finer grid, so both agree on its cells.
            var childWidth = (x1 - x0) / split;
            var childHeight = (y1 - y0) / split;
            // Below this the margins would no longer dwarf the rounding they absorb.
            if (Math.Min(childWidth, childHeight) > 1e6 * _slack)
            {
                var child = BuildGrid(x0, y0, childWidth, childHeight, split, split, ChildItems(incidences, start, end), depth + 1);
                _cells[grid.FirstCell + cell] = GridCell.Split(_grids[child].FirstCell, split);
                return;
            }
        }

        var (referenceX, referenceY) = edgeCount > 0 ? ChooseReference(incidences, start, end, x0, y0, x1, y1) : ((x0 + x1) / 2, (y0 + y1) / 2);
        // Entries first, then the edges of each edge entry, all in one run of slots.
        var first = _slots.Count;
        var entryCount = 0;
        for (var i = start; i < end; i++)
        {
            entryCount += i == start || incidences[i].Part != incidences[i - 1].Part ? 1 : 0;
        }

        for (var i = 0; i < entryCount; i++)
        {
            _slots.Add(default);
        }

        var entry = first;
        var i0 = start;
        while (i0 < end)
        {
            var partIndex = incidences[i0].Part;
            var i1 = i0;
            while (i1 < end && incidences[i1].Part == partIndex)
            {
                i1++;
            }

            var part = _parts[partIndex];
            var marker = incidences[i0].Edge;
            if (marker == InsideMarker)
            {
                _slots[entry++] = CellSlot.Entry(0, 0, part.Area, 0, 0, EntryKind.Inside, true, part.IsBeat);
            }
            else if (marker == CircleMarker)
            {
                _slots[entry++] = CellSlot.Entry(0, 0, part.Area, part.CircleIndex, 0, EntryKind.Circle, false, part.IsBeat);
            }
            else
            {
                var referenceInside = part.Locate(referenceX, referenceY) switch
                {
                    Location.Interior => true,
                    Location.Exterior => false,
                    _ => throw new InvalidOperationException("A cell's reference point lies on an edge: the index is inconsistent."),
                };
                var edgeStart = _slots.Count;
                var edges = part.Edges;
                for (var i = i0; i < i1; i++)
                {
                    var e = 4 * incidences[i].Edge;
                    double ax = edges[e], ay = edges[e + 1], bx = edges[e + 2], by = edges[e + 3];
                    _slots.Add(PlaneOrientation.Sign(ax, ay, bx, by, referenceX, referenceY) > 0
                        ? CellSlot.Edge(ax, ay, bx, by)
                        : CellSlot.Edge(bx, by, ax, ay));
                }

                _slots[entry++] = CellSlot.Entry(referenceX, referenceY, part.Area, edgeStart, i1 - i0, EntryKind.Edges, referenceInside, part.IsBeat);
            }

            i0 = i1;
        }

        if (entryCount == 1 && _slots[first].Kind == EntryKind.Inside)
        {
            // The commonest cell by far (inside one beat, near no location): answered from the cell alone.
            _cells[grid.FirstCell + cell] = new GridCell(_slots[first].Area, GridCell.WhollyInsideOne);
            _slots.RemoveAt(first);
        }
        else
        {
            _cells[grid.FirstCell + cell] = new GridCell(first, entryCount);
        }
    }

    private static List<PartInCell> ChildItems(List<Incidence> incidences, int start, int end)
    {
        var items = new List<PartInCell>();
        var i0 = start;
        while (i0 < end)
        {
            var partIndex = incidences[i0].Part;
            var i1 = i0;
            while (i1 < end && incidences[i1].Part == partIndex)
            {
                i1++;
            }

            var marker = incidences[i0].Edge;
            if (marker == InsideMarker)
            {
                items.Add(new PartInCell(partIndex, null, true));
            }
            else if (marker == CircleMarker)
            {
                items.Add(new PartInCell(partIndex, null, false));
            }
            else
            {
                var edges = new int[i1 - i0];
                for (var i = i0; i < i1; i++)
                {
                    edges[i - i0] = incidences[i].Edge;
                }

                items.Add(new PartInCell(partIndex, edges, false));
            }

            i0 = i1;
        }

        return items;
    }

    /// <summary>
    /// A point inside the cell on none of the lines through the cell's edges: the centre unless one of those lines
    /// passes exactly through it, otherwise the first of a fixed low-discrepancy sequence of points that clears them.
    /// </summary>
    private (double X, double Y) ChooseReference(List<Incidence> incidences, int start, int end, double x0, double y0, double x1, double y1)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var fx = attempt == 0 ? 0.5 : 0.1 + (0.8 * Fraction(0.5 + (attempt * 0.6180339887498949)));
            var fy = attempt == 0 ? 0.5 : 0.1 + (0.8 * Fraction(0.5 + (attempt * 0.7548776662466927)));
            var x = x0 + (fx * (x1 - x0));
            var y = y0 + (fy * (y1 - y0));
            if (ClearsEveryEdgeLine(incidences, start, end, x, y))
            {
                return (x, y);
            }
        }

        throw new InvalidOperationException("No point of a grid cell is off every edge line through it: the index cannot be built.");
    }

    private bool ClearsEveryEdgeLine(List<Incidence> incidences, int start, int end, double x, double y)
    {
        for (var i = start; i < end; i++)
        {
            var incidence = incidences[i];
            if (incidence.Edge < 0)
            {
                continue;
            }

            var edges = _parts[incidence.Part].Edges;
            var e = 4 * incidence.Edge;
            if (PlaneOrientation.Sign(edges[e], edges[e + 1], edges[e + 2], edges[e + 3], x, y) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private static double Fraction(double value) => value - Math.Floor(value);

    /// <summary>An area part handed to a grid: its edges near the grid, wholly inside it, or (edges null) a circle.</summary>
    private readonly record struct PartInCell(int Part, int[]? Edges, bool Inside);

    /// <summary>One area part's edge (or an inside/circle marker) near one cell of the grid being built.</summary>
    private readonly record struct Incidence(int Cell, int Part, int Edge) : IComparable<Incidence>
    {
        public int CompareTo(Incidence other)
        {
            var byCell = Cell.CompareTo(other.Cell);
            if (byCell != 0)
            {
                return byCell;
            }

            var byPart = Part.CompareTo(other.Part);
            return byPart != 0 ? byPart : Edge.CompareTo(other.Edge);
        }
    }
}
