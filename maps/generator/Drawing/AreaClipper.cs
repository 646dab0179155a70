using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Tracking.MapGenerator.Drawing;

/// <summary>
/// Cuts polylines (metres) where they cross an area's boundary and tells which pieces lie inside.
/// Pieces keep the line's direction, and neighbouring pieces share the exact cut point, so a road
/// cut into sections still joins up. Build once; not thread-safe (the locator is lazy).
/// </summary>
internal sealed class AreaClipper
{
    private readonly STRtree<(Vec2 A, Vec2 B)> _edges = new();
    private readonly IndexedPointInAreaLocator _locator;

    public AreaClipper(NetTopologySuite.Geometries.Geometry area)
    {
        Area = area;
        _locator = new IndexedPointInAreaLocator(area);
        for (var g = 0; g < area.NumGeometries; g++)
        {
            var polygon = (Polygon)area.GetGeometryN(g);
            AddRing(polygon.ExteriorRing);
            foreach (var hole in polygon.InteriorRings)
            {
                AddRing(hole);
            }
        }

        _edges.Build();
    }

    public NetTopologySuite.Geometries.Geometry Area { get; }

    public bool Contains(Vec2 point) => _locator.Locate(new Coordinate(point.X, point.Y)) != Location.Exterior;

    /// <summary>The pieces of <paramref name="line"/> inside the area, in order along it.</summary>
    public List<List<Vec2>> Inside(IReadOnlyList<Vec2> line) =>
        [.. Split(line).Where(piece => piece.Inside).Select(piece => piece.Points)];

    /// <summary>The pieces of <paramref name="line"/> outside the area, in order along it.</summary>
    public List<List<Vec2>> Outside(IReadOnlyList<Vec2> line) =>
        [.. Split(line).Where(piece => !piece.Inside).Select(piece => piece.Points)];

    /// <summary>The line cut at every boundary crossing, each piece marked inside or outside.</summary>
    public List<(List<Vec2> Points, bool Inside)> Split(IReadOnlyList<Vec2> line)
    {
        var pieces = new List<(List<Vec2>, bool)>();
        var current = new List<Vec2> { line[0] };
        var cuts = new List<(double T, Vec2 Point)>();
        for (var i = 1; i < line.Count; i++)
        {
            var a = line[i - 1];
            var b = line[i];
            cuts.Clear();
            var envelope = new Envelope(a.X, b.X, a.Y, b.Y);
            foreach (var (c, d) in _edges.Query(envelope))
            {
                if (Segments.TryIntersect(a, b, c, d, out var t, out _, out var point) && t > 0)
                {
                    cuts.Add((t, point));
                }
            }

            cuts.Sort((x, y) => x.T.CompareTo(y.T));
            foreach (var (_, point) in cuts)
            {
                if (current[^1] != point)
                {
                    current.Add(point);
                }

                Finish(current, pieces);
                current = [point];
            }

            if (current[^1] != b)
            {
                current.Add(b);
            }
        }

        Finish(current, pieces);
        return pieces;
    }

    private void Finish(List<Vec2> piece, List<(List<Vec2>, bool)> pieces)
    {
        if (piece.Count < 2 || Sketch.Length(piece) < 1e-6)
        {
            return;
        }

        var middle = Sketch.Along(piece, 0.5);
        pieces.Add((piece, Contains(middle)));
    }

    private void AddRing(LineString ring)
    {
        var coordinates = ring.Coordinates;
        for (var i = 1; i < coordinates.Length; i++)
        {
            var a = new Vec2(coordinates[i - 1].X, coordinates[i - 1].Y);
            var b = new Vec2(coordinates[i].X, coordinates[i].Y);
            _edges.Insert(new Envelope(a.X, b.X, a.Y, b.Y), (a, b));
        }
    }
}
