using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Roads;

/// <summary>
/// Makes points that are within a few centimetres of each other the very same point, so a
/// junction computed twice (once from each road) is one vertex. First come, first kept.
/// </summary>
internal sealed class NodeRegistry(double tolerance)
{
    private readonly Dictionary<(long, long), List<Vec2>> _cells = [];
    private readonly double _cellSize = tolerance * 2;

    public Vec2 Canonical(Vec2 point)
    {
        var cx = (long)Math.Floor(point.X / _cellSize);
        var cy = (long)Math.Floor(point.Y / _cellSize);
        for (var dx = -1; dx <= 1; dx++)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                if (_cells.TryGetValue((cx + dx, cy + dy), out var cell))
                {
                    foreach (var existing in cell)
                    {
                        if (Vec2.Distance(existing, point) <= tolerance)
                        {
                            return existing;
                        }
                    }
                }
            }
        }

        if (!_cells.TryGetValue((cx, cy), out var home))
        {
            home = [];
            _cells[(cx, cy)] = home;
        }

        home.Add(point);
        return point;
    }
}
