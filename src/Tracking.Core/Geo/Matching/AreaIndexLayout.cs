namespace Tracking.Core.Geo.Matching;

/// <summary>
/// The arrays an <see cref="AreaIndexBuilder"/> produces. Grid 0 is the top grid (none when there are no areas); the
/// finer grids are listed for sizing and tests only, since queries derive them from their parent cells.
/// </summary>
internal sealed record AreaIndexLayout(GridLevel[] Grids, GridCell[] Cells, CellSlot[] Slots, CircleArea[] Circles);
