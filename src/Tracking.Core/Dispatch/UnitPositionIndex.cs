namespace Tracking.Core.Dispatch;

/// <summary>
/// The live index of moving units: where each unit is (projected metres, x east, y north) and
/// which are nearest a point. A uniform grid of square cells, each with its own list of units;
/// a move within a cell rewrites two numbers, a move across cells is a swap-remove from one
/// list and an append to another, so <see cref="Update"/> is O(1). <see cref="Nearest"/> looks at
/// rings of cells around the query point, nearest first, and stops once no unvisited cell could
/// hold a closer unit: the answer is the exact k nearest by straight-line distance.
/// </summary>
/// <remarks>
/// <para>
/// The grid covers an extent given at construction (the force area); positions outside it are
/// kept in the border cells, which stays exact and only slows queries out there.
/// </para>
/// <para>
/// Thread-safety: every public member takes one internal lock, so any number of threads may
/// update and query at once; each call sees the index between whole updates. The lock is held
/// while <see cref="Nearest"/> runs its filter: a filter must be quick and must not update the index
/// from another thread and wait for it.
/// </para>
/// </remarks>
public sealed class UnitPositionIndex
{
    /// <summary>Default cell side, metres (chosen by benchmark for a force's fleet; see benchmarks/RESULTS.md).</summary>
    public const double DefaultCellSize = 500;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly Stack<int> _freeSlots = new();
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _cellSize;
    private readonly int _columns;
    private readonly int _rows;
    // One header per cell (members and their count side by side: one memory access for an empty cell).
    private readonly Cell[] _cells;

    // Units by slot; each cell also keeps its members' x and y inline, so a query scans one array per cell.
    private string?[] _ids = new string?[64];
    private double[] _x = new double[64];
    private double[] _y = new double[64];
    private DateTimeOffset[] _time = new DateTimeOffset[64];
    private int[] _cellOf = new int[64];
    private int[] _placeInCell = new int[64];
    private bool[] _available = new bool[64];
    private int _slotCount;

    /// <summary>An index over the extent (metres) with square cells of <paramref name="cellSize"/> metres.</summary>
    public UnitPositionIndex(double minX, double minY, double maxX, double maxY, double cellSize = DefaultCellSize)
    {
        if (!double.IsFinite(minX) || !double.IsFinite(minY) || !double.IsFinite(maxX) || !double.IsFinite(maxY) || maxX < minX || maxY < minY)
        {
            throw new ArgumentException($"The extent ({minX}, {minY}) – ({maxX}, {maxY}) must be finite metres with min ≤ max.", nameof(minX));
        }

        if (!double.IsFinite(cellSize) || cellSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, "The cell size must be a positive number of metres.");
        }

        _minX = minX;
        _minY = minY;
        _cellSize = cellSize;
        var columns = Math.Floor((maxX - minX) / cellSize) + 1;
        var rows = Math.Floor((maxY - minY) / cellSize) + 1;
        if (columns * rows > 16_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), cellSize, $"{columns} x {rows} cells is too many: use larger cells.");
        }

        _columns = (int)columns;
        _rows = (int)rows;
        _cells = new Cell[_columns * _rows];
    }

    /// <summary>Number of units indexed.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>
    /// Sets a unit's position (metres) and its device time, adding the unit if it is new. A
    /// position older than the one held is ignored (a late fix never moves a unit back in time).
    /// </summary>
    /// <returns>False when the position was older than the one held and was ignored.</returns>
    public bool Update(string unitId, double x, double y, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            throw new ArgumentException($"Position ({x}, {y}) of unit '{unitId}' is not finite.", nameof(x));
        }

        var cell = CellOf(x, y);
        lock (_gate)
        {
            if (!_slots.TryGetValue(unitId, out var slot))
            {
                slot = NewSlot(unitId);
                _slots.Add(unitId, slot);
                AddToCell(slot, cell);
            }
            else
            {
                if (time < _time[slot])
                {
                    return false;
                }

                if (_cellOf[slot] != cell)
                {
                    RemoveFromCell(slot);
                    AddToCell(slot, cell);
                }
            }

            _x[slot] = x;
            _y[slot] = y;
            _time[slot] = time;
            _cells[cell].Members![_placeInCell[slot]] = new CellEntry(slot, x, y, unitId, _available[slot]);
            return true;
        }
    }

    /// <summary>Takes a unit out of the index.</summary>
    /// <returns>False when it was not there.</returns>
    public bool Remove(string unitId)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        lock (_gate)
        {
            if (!_slots.Remove(unitId, out var slot))
            {
                return false;
            }

            RemoveFromCell(slot);
            _ids[slot] = null;
            _freeSlots.Push(slot);
            return true;
        }
    }

    /// <summary>
    /// Marks a unit available for dispatch or not (new units are available), so that
    /// <see cref="NearestAvailable"/> can skip the others without asking a filter, as a status
    /// column or a key of available units would.
    /// </summary>
    /// <returns>False when the unit is not in the index.</returns>
    public bool SetAvailable(string unitId, bool available)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        lock (_gate)
        {
            if (!_slots.TryGetValue(unitId, out var slot))
            {
                return false;
            }

            _available[slot] = available;
            ref var entry = ref _cells[_cellOf[slot]].Members![_placeInCell[slot]];
            entry = entry with { Available = available };
            return true;
        }
    }

    /// <summary>The unit's indexed position, when it has one.</summary>
    public bool TryGet(string unitId, out IndexedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unitId);
        lock (_gate)
        {
            if (_slots.TryGetValue(unitId, out var slot))
            {
                unit = new IndexedUnit(unitId, _x[slot], _y[slot], _time[slot]);
                return true;
            }
        }

        unit = default;
        return false;
    }

    /// <summary>
    /// Writes the <paramref name="k"/> units nearest (<paramref name="x"/>, <paramref name="y"/>)
    /// (metres, straight line) that pass <paramref name="filter"/> into <paramref name="results"/>,
    /// nearest first; equal distances in unit-id order.
    /// </summary>
    /// <param name="x">Metres east.</param>
    /// <param name="y">Metres north.</param>
    /// <param name="k">How many to find.</param>
    /// <param name="filter">Which units may be returned; null for all. Asked only of units close enough to make the list.</param>
    /// <param name="results">At least <paramref name="k"/> long.</param>
    /// <returns>How many were found: k, or fewer when fewer units pass the filter.</returns>
    public int Nearest(double x, double y, int k, Func<IndexedUnit, bool>? filter, Span<NearestUnit> results) =>
        Search(x, y, k, availableOnly: false, filter, results);

    /// <summary>
    /// As <see cref="Nearest"/>, among the units marked available (<see cref="SetAvailable"/>)
    /// only: the others are skipped before the filter is asked.
    /// </summary>
    public int NearestAvailable(double x, double y, int k, Func<IndexedUnit, bool>? filter, Span<NearestUnit> results) =>
        Search(x, y, k, availableOnly: true, filter, results);

    private int Search(double x, double y, int k, bool availableOnly, Func<IndexedUnit, bool>? filter, Span<NearestUnit> results)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (results.Length < k)
        {
            throw new ArgumentException($"Room for {results.Length} results, {k} asked for.", nameof(results));
        }

        if (k == 0 || !double.IsFinite(x) || !double.IsFinite(y))
        {
            return 0;
        }

        // While searching, Distance holds the squared distance (no square roots in the loop).
        var found = 0;
        var cx = Column(x);
        var cy = Row(y);
        lock (_gate)
        {
            for (var r = 0; ; r++)
            {
                int x0 = cx - r, x1 = cx + r, y0 = cy - r, y1 = cy + r;
                var rowFrom = Math.Max(y0, 0);
                var rowTo = Math.Min(y1, _rows - 1);
                for (var row = rowFrom; row <= rowTo; row++)
                {
                    if (row == y0 || row == y1)
                    {
                        for (var col = Math.Max(x0, 0); col <= Math.Min(x1, _columns - 1); col++)
                        {
                            found = ScanCell(col, row, x, y, k, availableOnly, filter, results, found);
                        }
                    }
                    else
                    {
                        if (x0 >= 0)
                        {
                            found = ScanCell(x0, row, x, y, k, availableOnly, filter, results, found);
                        }

                        if (x1 < _columns && x1 != x0)
                        {
                            found = ScanCell(x1, row, x, y, k, availableOnly, filter, results, found);
                        }
                    }
                }

                // Every unvisited cell lies beyond a side of the visited square that is not the
                // grid's border; the nearest such half-plane bounds any unit not yet seen.
                var bound = double.PositiveInfinity;
                if (x0 > 0)
                {
                    bound = Math.Min(bound, x - (_minX + (x0 * _cellSize)));
                }

                if (x1 < _columns - 1)
                {
                    bound = Math.Min(bound, _minX + ((x1 + 1) * _cellSize) - x);
                }

                if (y0 > 0)
                {
                    bound = Math.Min(bound, y - (_minY + (y0 * _cellSize)));
                }

                if (y1 < _rows - 1)
                {
                    bound = Math.Min(bound, _minY + ((y1 + 1) * _cellSize) - y);
                }

                if (double.IsPositiveInfinity(bound)
                    || (found == k && bound > 0 && bound * bound > results[k - 1].Distance))
                {
                    break;
                }
            }
        }

        for (var i = 0; i < found; i++)
        {
            results[i] = results[i] with { Distance = Math.Sqrt(results[i].Distance) };
        }

        return found;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int ScanCell(int column, int row, double x, double y, int k, bool availableOnly, Func<IndexedUnit, bool>? filter, Span<NearestUnit> best, int found)
    {
        ref readonly var header = ref _cells[(row * _columns) + column];
        var count = header.Count;
        if (count == 0)
        {
            return found;
        }

        // A full list skips a cell that lies wholly farther than its last entry. Border cells
        // also hold the units beyond the extent, so they reach to infinity on that side.
        if (found == k)
        {
            var left = column == 0 ? double.NegativeInfinity : _minX + (column * _cellSize);
            var right = column == _columns - 1 ? double.PositiveInfinity : _minX + ((column + 1) * _cellSize);
            var bottom = row == 0 ? double.NegativeInfinity : _minY + (row * _cellSize);
            var top = row == _rows - 1 ? double.PositiveInfinity : _minY + ((row + 1) * _cellSize);
            var gapX = Math.Max(Math.Max(left - x, x - right), 0);
            var gapY = Math.Max(Math.Max(bottom - y, y - top), 0);
            if ((gapX * gapX) + (gapY * gapY) > best[k - 1].Distance)
            {
                return found;
            }
        }

        var members = header.Members!;
        for (var i = 0; i < count; i++)
        {
            ref readonly var member = ref members[i];
            if (availableOnly && !member.Available)
            {
                continue;
            }

            var dx = member.X - x;
            var dy = member.Y - y;
            var d2 = (dx * dx) + (dy * dy);
            if (found == k && d2 > best[k - 1].Distance)
            {
                continue; // cannot make the list: the filter is not even asked
            }

            var id = member.Id;
            if (found == k && !Before(d2, id, best[k - 1]))
            {
                continue;
            }

            var unit = new IndexedUnit(id, member.X, member.Y, _time[member.Slot]);
            if (filter is not null && !filter(unit))
            {
                continue;
            }

            // Insertion into the sorted list (k is small).
            var at = found == k ? k - 1 : found++;
            while (at > 0 && Before(d2, id, best[at - 1]))
            {
                best[at] = best[at - 1];
                at--;
            }

            best[at] = new NearestUnit(unit, d2);
        }

        return found;
    }

    private static bool Before(double d2, string id, in NearestUnit other) =>
        d2 < other.Distance || (d2 == other.Distance && string.CompareOrdinal(id, other.Unit.UnitId) < 0);

    private int Column(double x) => (int)Math.Clamp(Math.Floor((x - _minX) / _cellSize), 0, _columns - 1);

    private int Row(double y) => (int)Math.Clamp(Math.Floor((y - _minY) / _cellSize), 0, _rows - 1);

    private int CellOf(double x, double y) => (Row(y) * _columns) + Column(x);

    private int NewSlot(string unitId)
    {
        if (!_freeSlots.TryPop(out var slot))
        {
            slot = _slotCount++;
            if (slot == _ids.Length)
            {
                var size = _ids.Length * 2;
                Array.Resize(ref _ids, size);
                Array.Resize(ref _x, size);
                Array.Resize(ref _y, size);
                Array.Resize(ref _time, size);
                Array.Resize(ref _cellOf, size);
                Array.Resize(ref _placeInCell, size);
                Array.Resize(ref _available, size);
            }
        }

        _ids[slot] = unitId;
        _time[slot] = DateTimeOffset.MinValue;
        _available[slot] = true;
        return slot;
    }

    private void AddToCell(int slot, int cell)
    {
        ref var header = ref _cells[cell];
        var members = header.Members ??= new CellEntry[4];
        var count = header.Count;
        if (count == members.Length)
        {
            Array.Resize(ref header.Members, count * 2);
            members = header.Members;
        }

        members[count] = new CellEntry(slot, _x[slot], _y[slot], _ids[slot]!, _available[slot]);
        header.Count = count + 1;
        _cellOf[slot] = cell;
        _placeInCell[slot] = count;
    }

    private void RemoveFromCell(int slot)
    {
        var cell = _cellOf[slot];
        ref var header = ref _cells[cell];
        var members = header.Members!;
        var last = --header.Count;
        var place = _placeInCell[slot];
        var moved = members[last];
        members[place] = moved;
        _placeInCell[moved.Slot] = place;
    }

    /// <summary>A cell's copy of a member's position, id and availability, so a query reads one array per cell.</summary>
    private readonly record struct CellEntry(int Slot, double X, double Y, string Id, bool Available);

    /// <summary>A cell: its members (the first <see cref="Count"/> entries are in use).</summary>
    private struct Cell
    {
        public CellEntry[]? Members;
        public int Count;
    }
}
