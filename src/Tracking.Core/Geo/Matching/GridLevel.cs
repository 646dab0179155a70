using System.Runtime.InteropServices;

namespace Tracking.Core.Geo.Matching;

/// <summary>
/// One uniform grid of the index: the top grid over the whole extent, or the finer grid that replaces one crowded
/// cell of a coarser grid. Its cells are <see cref="CellCount"/> consecutive cells from <see cref="FirstCell"/>, row by
/// row. Queries read only the top grid's; a finer grid's geometry follows from its parent cell (see <see cref="GridCell"/>).
/// </summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct GridLevel(
    double MinX, double MinY, double CellWidth, double CellHeight, int Columns, int Rows, int FirstCell)
{
    public double InverseWidth { get; } = 1.0 / CellWidth;

    public double InverseHeight { get; } = 1.0 / CellHeight;

    public int CellCount => Columns * Rows;
}
