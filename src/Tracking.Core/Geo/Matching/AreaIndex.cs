using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// Which beats and priority locations contain a point, for every accepted fix: an immutable snapshot of the map's
/// areas in projected metres (x = easting, y = northing), built once and swapped whole when the map changes.
/// </summary>
/// <remarks>
/// <para>
/// A point is contained by an area when it is inside it or on its boundary (the same answer as NetTopologySuite's
/// <c>Geometry.Covers</c>, exactly, including points on edges and vertices); by a circle when its distance to the
/// centre is at most the radius. Holes are outside; a MultiPolygon contains what any of its polygons contains.
/// </para>
/// <para>
/// Layout: a uniform grid over the areas' extent whose crowded cells are replaced by finer grids. Each leaf cell lists
/// the area parts that reach it, each either wholly inside the cell's area or with the few edges that cross the cell
/// and the inside state of a reference point of the cell. A query finds its cell and, per listed part, counts the
/// edges crossed by the segment from the reference point to the query point, with exact orientation tests; a cell
/// wholly inside a single area (most cells of a tiled map) answers from the cell alone. 2,000 areas of 100 vertices
/// take about 20 MB.
/// </para>
/// <para>Thread-safe: queries only read; every query method takes the caller's list and allocates nothing.</para>
/// </remarks>
public sealed class AreaIndex
{
    private readonly GridLevel[] _grids;
    private readonly GridCell[] _cells;
    private readonly CellSlot[] _slots;
    private readonly CircleArea[] _circles;
    private readonly bool[] _isBeat;
    private readonly AreaBoxGrid _boxes;
    private readonly GridLevel _top;

    private AreaIndex(IndexedArea[] areas, AreaIndexLayout layout)
    {
        Areas = new ReadOnlyCollection<IndexedArea>(areas);
        _grids = layout.Grids;
        _cells = layout.Cells;
        _slots = layout.Slots;
        _circles = layout.Circles;
        _isBeat = Array.ConvertAll(areas, a => a.Kind == AreaKind.Beat);
        _boxes = new AreaBoxGrid(areas);
        _top = _grids[0];
    }

    /// <summary>An index with no areas: every point is in none.</summary>
    public static AreaIndex Empty { get; } = Build([]);

    /// <summary>The areas in the order given to <see cref="Build"/>; query results are indices into this list.</summary>
    public IReadOnlyList<IndexedArea> Areas { get; }

    /// <summary>Grids (the top one and every finer one), cells, and 32-byte slots (entries and edge copies), for sizing.</summary>
    public (int Grids, int Cells, int Slots) Size => (_grids.Length, _cells.Length, _slots.Length);

    /// <summary>Approximate memory of the index's query arrays in bytes (not counting the areas' own geometries).</summary>
    public long ApproximateBytes =>
        ((long)_cells.Length * 8) + ((long)_slots.Length * 32) + ((long)_circles.Length * 24) + _isBeat.Length;

    /// <summary>
    /// Builds the index. Throws <see cref="ArgumentException"/> for an area that is not a Polygon, MultiPolygon or a
    /// Point with a radius &gt; 0, or that has a coordinate that is not finite. Takes about a second for 2,000 areas of
    /// 100 vertices.
    /// </summary>
    public static AreaIndex Build(IReadOnlyList<IndexedArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var copy = areas.ToArray();
        return new AreaIndex(copy, AreaIndexBuilder.Build(copy));
    }

    /// <summary>
    /// Indices (into <see cref="Areas"/>) of every area, beat or location, that contains the point (boundary counts as
    /// inside), ascending. Clears <paramref name="containing"/> first. A point outside every area (or not a finite
    /// number) gives an empty list.
    /// </summary>
    public void Locate(double x, double y, List<int> containing)
    {
        ArgumentNullException.ThrowIfNull(containing);
        containing.Clear();
        var cell = FindCell(x, y);
        if (cell.Count == GridCell.WhollyInsideOne)
        {
            containing.Add(cell.Start);
            return;
        }

        var end = cell.Start + cell.Count;
        for (var i = cell.Start; i < end; i++)
        {
            ref readonly var entry = ref _slots[i];
            // Entries come by ascending area, a MultiPolygon's parts next to each other: skip parts of an area already in.
            if ((containing.Count == 0 || containing[^1] != entry.Area) && Covers(entry, x, y))
            {
                containing.Add(entry.Area);
            }
        }
    }

    /// <summary>
    /// For the fix pipeline: the index of the beat that contains the point, or -1 when none does (on a boundary
    /// shared by two beats, the one listed first in <see cref="Areas"/>), and in <paramref name="locations"/> (cleared
    /// first) the indices of every <see cref="AreaKind.Location"/> that contains it, ascending.
    /// </summary>
    public int LocateBeatAndLocations(double x, double y, List<int> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        locations.Clear();
        var cell = FindCell(x, y);
        if (cell.Count == GridCell.WhollyInsideOne)
        {
            if (_isBeat[cell.Start])
            {
                return cell.Start;
            }

            locations.Add(cell.Start);
            return -1;
        }

        var beat = -1;
        var end = cell.Start + cell.Count;
        for (var i = cell.Start; i < end; i++)
        {
            ref readonly var entry = ref _slots[i];
            if (entry.IsBeat)
            {
                if (beat < 0 && Covers(entry, x, y))
                {
                    beat = entry.Area;
                }
            }
            else if ((locations.Count == 0 || locations[^1] != entry.Area) && Covers(entry, x, y))
            {
                locations.Add(entry.Area);
            }
        }

        return beat;
    }

    /// <summary>True when area <paramref name="area"/> (an index into <see cref="Areas"/>) contains the point, boundary included.</summary>
    public bool Covers(int area, double x, double y)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(area);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(area, Areas.Count);
        var cell = FindCell(x, y);
        if (cell.Count == GridCell.WhollyInsideOne)
        {
            return cell.Start == area;
        }

        var end = cell.Start + cell.Count;
        for (var i = cell.Start; i < end; i++)
        {
            ref readonly var entry = ref _slots[i];
            if (entry.Area == area && Covers(entry, x, y))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Indices of the areas whose bounding box (a circle's: centre ± radius) intersects the box, touching included,
    /// ascending; for callers that clip a segment against each candidate. Clears <paramref name="result"/> first.
    /// </summary>
    public void Candidates(double minX, double minY, double maxX, double maxY, List<int> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _boxes.Candidates(minX, minY, maxX, maxY, result);
    }

    /// <summary>Corners of every grid cell, for tests that probe points where rounding in finding a cell is likeliest.</summary>
    internal IEnumerable<(double X, double Y)> CellCorners()
    {
        foreach (var grid in _grids)
        {
            for (var row = 0; row <= grid.Rows; row++)
            {
                for (var column = 0; column <= grid.Columns; column++)
                {
                    yield return (grid.MinX + (column * grid.CellWidth), grid.MinY + (row * grid.CellHeight));
                }
            }
        }
    }

    /// <summary>
    /// The leaf cell holding the point; an empty leaf when the point is outside the top grid (or not a number).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private GridCell FindCell(double x, double y)
    {
        double minX = _top.MinX, minY = _top.MinY, width = _top.CellWidth, height = _top.CellHeight;
        var tx = (x - minX) * _top.InverseWidth;
        var ty = (y - minY) * _top.InverseHeight;
        int columns = _top.Columns, rows = _top.Rows;
        if (!(tx >= 0 && tx <= columns && ty >= 0 && ty <= rows))
        {
            return default;
        }

        var first = _top.FirstCell;
        while (true)
        {
            // Rounding can put a point just outside a finer grid (or on the top grid's far edge): clamping keeps it in
            // the nearest cell, whose edges were gathered with a margin that covers it.
            var column = Math.Clamp((int)tx, 0, columns - 1);
            var row = Math.Clamp((int)ty, 0, rows - 1);
            var cell = _cells[first + (row * columns) + column];
            if (!cell.IsSplit)
            {
                return cell;
            }

            // The finer grid's geometry, with the builder's arithmetic.
            var split = cell.SplitFactor;
            var x0 = minX + (column * width);
            var x1 = minX + ((column + 1) * width);
            var y0 = minY + (row * height);
            var y1 = minY + ((row + 1) * height);
            (minX, minY, width, height) = (x0, y0, (x1 - x0) / split, (y1 - y0) / split);
            tx = (x - minX) * (1.0 / width);
            ty = (y - minY) * (1.0 / height);
            (columns, rows, first) = (split, split, cell.Start);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Covers(in CellSlot entry, double x, double y) => entry.Kind switch
    {
        EntryKind.Inside => true,
        EntryKind.Circle => _circles[entry.Start].Covers(x, y),
        _ => EdgesCover(entry, x, y),
    };

    /// <summary>
    /// The inside state of the point from that of the entry's reference point R and the parity of the entry's edges
    /// crossed by the segment R → P. R lies on no edge's line (and left of each, as stored), so an edge whose end is
    /// exactly on the line RP is treated as if that end were a hair to its positive side (a consistent perturbation of
    /// the line), and P on an edge is found exactly. Every edge that could meet RP is listed, because RP lies in the cell.
    /// </summary>
    private bool EdgesCover(in CellSlot entry, double px, double py)
    {
        var rx = entry.ReferenceX;
        var ry = entry.ReferenceY;
        // Orientations are taken about P, so (R - P) is shared by every edge.
        var rpx = rx - px;
        var rpy = ry - py;
        var crossings = 0;
        var end = entry.Start + entry.Count;
        for (var i = entry.Start; i < end; i++)
        {
            ref readonly var edge = ref _slots[i];
            var apx = edge.Ax - px;
            var apy = edge.Ay - py;
            var bpx = edge.Bx - px;
            var bpy = edge.By - py;

            // Side of A and of B relative to the line R → P: orientation (A, R, P) = orientation (R, P, A).
            var sideA = PlaneOrientation.Sign(apx * rpy, apy * rpx, edge.Ax, edge.Ay, rx, ry, px, py);
            var sideB = PlaneOrientation.Sign(bpx * rpy, bpy * rpx, edge.Bx, edge.By, rx, ry, px, py);
            if (sideA == sideB && sideA != 0)
            {
                continue;
            }

            // Side of P relative to the edge; 0 here means P is on the edge (the lines RP and AB meet only at P).
            var sideP = PlaneOrientation.Sign(apx * bpy, apy * bpx, edge.Ax, edge.Ay, edge.Bx, edge.By, px, py);
            if (sideP == 0)
            {
                return true;
            }

            // R is left of every stored edge, so the edge separates R from P when P is right of it.
            if ((sideA >= 0) != (sideB >= 0) && sideP < 0)
            {
                crossings++;
            }
        }

        return entry.ReferenceInside ^ ((crossings & 1) != 0);
    }
}
