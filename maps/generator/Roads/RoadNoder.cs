using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Roads;

/// <summary>
/// Turns drawn roads into a network: wherever two roads cross, or one ends on another, both get a
/// vertex at the very same point (roads join only at shared vertices). A grade-separated road
/// (the motorway) is joined only by roads allowed to join it; the others pass over or under.
/// </summary>
internal static class RoadNoder
{
    /// <summary>How far a road's end may be from another road and still join it, metres.</summary>
    private const double SnapDistance = 0.5;

    /// <summary>Points closer than this are one point, metres.</summary>
    private const double MergeDistance = 0.05;

    public static void Node(List<RoadDraft> drafts)
    {
        var registry = new NodeRegistry(MergeDistance);
        foreach (var draft in drafts)
        {
            var points = new List<Vec2>(draft.Points.Count);
            foreach (var point in draft.Points)
            {
                var canonical = registry.Canonical(point);
                if (points.Count == 0 || points[^1] != canonical)
                {
                    points.Add(canonical);
                }
            }

            draft.Points = points;
        }

        SnapNearVertices(drafts);

        var segments = new List<(int Draft, int Index)>();
        var index = new STRtree<int>();
        for (var d = 0; d < drafts.Count; d++)
        {
            var points = drafts[d].Points;
            for (var i = 1; i < points.Count; i++)
            {
                var envelope = new Envelope(points[i - 1].X, points[i].X, points[i - 1].Y, points[i].Y);
                envelope.ExpandBy(SnapDistance);
                index.Insert(envelope, segments.Count);
                segments.Add((d, i - 1));
            }
        }

        index.Build();
        var splits = new Dictionary<(int Draft, int Index), List<(double T, Vec2 Point)>>();
        for (var s = 0; s < segments.Count; s++)
        {
            var (sd, si) = segments[s];
            var a = drafts[sd].Points[si];
            var b = drafts[sd].Points[si + 1];
            var envelope = new Envelope(a.X, b.X, a.Y, b.Y);
            envelope.ExpandBy(SnapDistance);
            foreach (var o in index.Query(envelope))
            {
                var (od, oi) = segments[o];
                if (o <= s || od == sd || !drafts[sd].MayJoin(drafts[od]))
                {
                    continue;
                }

                var c = drafts[od].Points[oi];
                var d = drafts[od].Points[oi + 1];
                if (Segments.TryIntersect(a, b, c, d, out var t, out var u, out var point))
                {
                    point = registry.Canonical(SnapToEnd(point, a, b, c, d));
                    Add(splits, segments[s], t, point);
                    Add(splits, segments[o], u, point);
                }
                else
                {
                    // A road that stops a hair short of another still joins it (a T-junction).
                    SnapEnd(drafts, sd, si, c, d, segments[o], splits);
                    SnapEnd(drafts, od, oi, a, b, segments[s], splits);
                }
            }
        }

        foreach (var cuts in splits.Values)
        {
            cuts.Sort((x, y) => x.T.CompareTo(y.T));
        }

        for (var d = 0; d < drafts.Count; d++)
        {
            var points = drafts[d].Points;
            var noded = new List<Vec2>(points.Count) { points[0] };
            for (var i = 0; i < points.Count - 1; i++)
            {
                if (splits.TryGetValue((d, i), out var cuts))
                {
                    foreach (var (_, point) in cuts)
                    {
                        if (noded[^1] != point && point != points[i + 1])
                        {
                            noded.Add(point);
                        }
                    }
                }

                if (noded[^1] != points[i + 1])
                {
                    noded.Add(points[i + 1]);
                }
            }

            drafts[d].Points = noded;
        }

        TrimOverlappingEnds(drafts);
        MergeSharedSegments(drafts);
    }

    /// <summary>
    /// A street whose last vertex before a junction was snapped onto the road it joins can come out
    /// running along that road for its last few metres: stop it at the junction instead.
    /// </summary>
    private static void TrimOverlappingEnds(List<RoadDraft> drafts)
    {
        var uses = new Dictionary<(Vec2, Vec2), int>();
        foreach (var draft in drafts)
        {
            for (var i = 1; i < draft.Points.Count; i++)
            {
                var key = Key(draft.Points[i - 1], draft.Points[i]);
                uses[key] = uses.GetValueOrDefault(key) + 1;
            }
        }

        // Latest drawn first: the streets, not the arterial or ring they end on, give way.
        foreach (var draft in Enumerable.Reverse(drafts))
        {
            var points = draft.Points;
            while (points.Count > 2 && uses[Key(points[^2], points[^1])] > 1)
            {
                uses[Key(points[^2], points[^1])]--;
                points.RemoveAt(points.Count - 1);
            }

            while (points.Count > 2 && uses[Key(points[0], points[1])] > 1)
            {
                uses[Key(points[0], points[1])]--;
                points.RemoveAt(0);
            }
        }
    }

    /// <summary>A segment's key whichever way it runs.</summary>
    private static (Vec2, Vec2) Key(Vec2 a, Vec2 b) => a.X < b.X || (a.X == b.X && a.Y < b.Y) ? (a, b) : (b, a);

    /// <summary>
    /// Vertices of different roads that nearly coincide become one. Otherwise a crossing beside
    /// them could be joined at one road's vertex from one segment and at the other's from the next,
    /// leaving the two roads running along each other for a few centimetres. A road ending beside
    /// another road's vertex ends exactly on it for the same reason.
    /// </summary>
    private static void SnapNearVertices(List<RoadDraft> drafts)
    {
        const double Reach = 2 * SnapDistance;
        var cells = new Dictionary<(long, long), List<(int Draft, Vec2 Point)>>();
        static (long, long) Cell(Vec2 p) => ((long)Math.Floor(p.X / Reach), (long)Math.Floor(p.Y / Reach));
        for (var d = 0; d < drafts.Count; d++)
        {
            foreach (var point in drafts[d].Points)
            {
                var cell = Cell(point);
                if (!cells.TryGetValue(cell, out var list))
                {
                    list = [];
                    cells[cell] = list;
                }

                list.Add((d, point));
            }
        }

        for (var d = 0; d < drafts.Count; d++)
        {
            var points = drafts[d].Points;
            for (var i = 0; i < points.Count; i++)
            {
                var (cx, cy) = Cell(points[i]);
                var best = points[i];
                var bestDistance = Reach;
                for (var dx = -1; dx <= 1; dx++)
                {
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        foreach (var (other, point) in cells.GetValueOrDefault((cx + dx, cy + dy)) ?? [])
                        {
                            var distance = Vec2.Distance(point, points[i]);
                            if (other != d && distance > 0 && distance < bestDistance && drafts[d].MayJoin(drafts[other]))
                            {
                                best = point;
                                bestDistance = distance;
                            }
                        }
                    }
                }

                if (best != points[i])
                {
                    // Keep the index current, so a road drawn later meets this vertex where it now is.
                    cells[Cell(points[i])].Remove((d, points[i]));
                    points[i] = best;
                    cells[Cell(best)].Add((d, best));
                }
            }

            drafts[d].Points = [.. points.Where((p, i) => i == 0 || p != points[i - 1])];
        }
    }

    /// <summary>
    /// Where two roads meet at a shallow angle beside a third, noding can leave them sharing a
    /// segment a metre or less long (two junction points, both on both roads). Such a segment is
    /// collapsed to its first point everywhere it occurs, so roads meet at a point and never run
    /// along each other.
    /// </summary>
    private static void MergeSharedSegments(List<RoadDraft> drafts)
    {
        const double Longest = 2.0;
        for (var round = 0; round < 10; round++)
        {
            var owner = new Dictionary<(Vec2, Vec2), int>();
            var merge = new Dictionary<Vec2, Vec2>();
            for (var d = 0; d < drafts.Count; d++)
            {
                var points = drafts[d].Points;
                for (var i = 1; i < points.Count; i++)
                {
                    var key = Key(points[i - 1], points[i]);
                    if (!owner.TryAdd(key, d) && owner[key] != d && Vec2.Distance(key.Item1, key.Item2) <= Longest
                        && !merge.ContainsKey(key.Item1) && !merge.ContainsKey(key.Item2))
                    {
                        merge[key.Item2] = key.Item1;
                    }
                }
            }

            if (merge.Count == 0)
            {
                return;
            }

            foreach (var draft in drafts)
            {
                var points = draft.Points.Select(p => merge.GetValueOrDefault(p, p)).ToList();
                draft.Points = [.. points.Where((p, i) => i == 0 || p != points[i - 1])];
            }
        }
    }

    private static void SnapEnd(
        List<RoadDraft> drafts, int draft, int segment, Vec2 c, Vec2 d, (int, int) other,
        Dictionary<(int, int), List<(double, Vec2)>> splits)
    {
        var points = drafts[draft].Points;
        if (segment == 0)
        {
            TrySnap(points[0], c, d, other, splits);
        }

        if (segment == points.Count - 2)
        {
            TrySnap(points[^1], c, d, other, splits);
        }
    }

    private static void TrySnap(Vec2 end, Vec2 c, Vec2 d, (int, int) other, Dictionary<(int, int), List<(double, Vec2)>> splits)
    {
        var (t, distance) = Segments.Nearest(c, d, end);
        if (distance <= SnapDistance && end != c && end != d)
        {
            Add(splits, other, t, end);
        }
    }

    // A crossing a hair from a vertex is that vertex: no sliver edges of a few millimetres.
    private static Vec2 SnapToEnd(Vec2 point, Vec2 a, Vec2 b, Vec2 c, Vec2 d)
    {
        var best = point;
        var bestDistance = SnapDistance;
        foreach (var end in (ReadOnlySpan<Vec2>)[a, b, c, d])
        {
            var distance = Vec2.Distance(end, point);
            if (distance < bestDistance)
            {
                best = end;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static void Add(Dictionary<(int, int), List<(double, Vec2)>> splits, (int, int) key, double t, Vec2 point)
    {
        if (!splits.TryGetValue(key, out var list))
        {
            list = [];
            splits[key] = list;
        }

        list.Add((t, point));
    }
}
