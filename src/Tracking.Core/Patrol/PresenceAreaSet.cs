using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Tracking.Core.Patrol;

/// <summary>
/// The areas presence is counted for, indexed by bounding box so that a segment is clipped
/// only against the areas it may touch.
/// </summary>
/// <remarks>Immutable once built; queries are thread-safe (the STR-tree is built in the constructor).</remarks>
public sealed class PresenceAreaSet
{
    private readonly STRtree<int> _tree;

    /// <summary>Indexes <paramref name="areas"/>; keys must be unique.</summary>
    public PresenceAreaSet(IReadOnlyList<PresenceArea> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        _tree = new STRtree<int>(Math.Max(2, Math.Min(10, areas.Count)));
        for (var i = 0; i < areas.Count; i++)
        {
            if (!keys.Add(areas[i].Key))
            {
                throw new ArgumentException($"Area key '{areas[i].Key}' appears twice.", nameof(areas));
            }

            _tree.Insert(areas[i].Shape.Envelope, i);
        }

        _tree.Build();
        Areas = areas;
    }

    /// <summary>No areas.</summary>
    public static PresenceAreaSet Empty { get; } = new([]);

    /// <summary>The areas, in the order given.</summary>
    public IReadOnlyList<PresenceArea> Areas { get; }

    /// <summary>Adds to <paramref name="result"/> the indices of areas whose box meets the segment's box.</summary>
    public void Candidates(double ax, double ay, double bx, double by, List<int> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (Areas.Count == 0)
        {
            return;
        }

        var box = new Envelope(Math.Min(ax, bx), Math.Max(ax, bx), Math.Min(ay, by), Math.Max(ay, by));
        _tree.Query(box, new Collector(result));
    }

    private sealed class Collector(List<int> result) : NetTopologySuite.Index.IItemVisitor<int>
    {
        public void VisitItem(int item) => result.Add(item);
    }
}
