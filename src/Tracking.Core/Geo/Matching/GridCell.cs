using System.Runtime.InteropServices;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// A cell of a grid, 8 bytes so that the top grid stays in cache. By <see cref="Count"/>:
/// <list type="bullet">
/// <item>≥ 0: a leaf whose <see cref="Count"/> entries are the <see cref="CellSlot"/>s from <see cref="Start"/>;</item>
/// <item><see cref="WhollyInsideOne"/>: a cell wholly inside exactly one area, whose index is <see cref="Start"/> (most
/// cells of a tiled map: inside their beat, near no location), answered without reading further;</item>
/// <item>≤ <see cref="SubdividedBase"/> − 2: the cell is split into a k × k grid, k = <see cref="SubdividedBase"/> −
/// <see cref="Count"/>, whose cells are the k² cells from <see cref="Start"/>, row by row. The finer grid's geometry
/// follows from the cell's own, so a query never reads a grid description below the top.</item>
/// </list>
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct GridCell(int Start, int Count)
{
    public const int WhollyInsideOne = -1;

    public const int SubdividedBase = -2;

    public static GridCell Split(int firstCell, int split) => new(firstCell, SubdividedBase - split);

    public bool IsSplit => Count < WhollyInsideOne;

    public int SplitFactor => SubdividedBase - Count;
}
