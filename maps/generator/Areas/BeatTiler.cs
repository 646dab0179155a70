using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Triangulate;
using Tracking.MapGenerator.Drawing;
using Tracking.MapGenerator.Layout;

namespace Tracking.MapGenerator.Areas;

/// <summary>
/// Tiles the force area with micro-beats: a Voronoi diagram of seed points, dense in the city
/// centre, sparser in the districts and towns, sparse in the country. The force boundary is the
/// outline of the chosen cells (those whose seeds fall inside an irregular outline), so it runs
/// along cell edges the way real boundaries follow parish lines, and the beats tile it exactly:
/// neighbouring cells share the very same vertices.
/// </summary>
internal static class BeatTiler
{
    private static readonly GeometryFactory Metres = new();

    public static (Polygon Boundary, List<BeatSite> Beats) Tile(AreaLayout layout, SeededRandom random)
    {
        var outline = Metres.CreatePolygon(
            [.. Sketch.Blob(layout.Centre, layout.BoundaryRadius, layout.BoundaryVariation, 72, random).Select(p => new Coordinate(p.X, p.Y))]);
        var seeds = new List<(Vec2 Point, double Spacing)>();
        var c = layout.Centre;

        Scatter(seeds, random, c, layout.InnerRingRadius * 1.05, 330, 3_000, _ => true);
        Scatter(seeds, random, c, layout.UrbanRadius, 1_000, 8_000, _ => true);
        foreach (var town in layout.Towns)
        {
            Scatter(seeds, random, town.Centre, town.Radius * 1.4, 900, 1_000, _ => true);
        }

        var reach = layout.BoundaryRadius * (1 + layout.BoundaryVariation);
        Scatter(seeds, random, c, reach, 3_300, 30_000, p => outline.Contains(Metres.CreatePoint(new Coordinate(p.X, p.Y))));
        var chosen = seeds.Count;
        Scatter(seeds, random, c, reach + 10_000, 3_300, 30_000, p => !outline.Contains(Metres.CreatePoint(new Coordinate(p.X, p.Y))));

        var builder = new VoronoiDiagramBuilder();
        builder.SetSites([.. seeds.Select(s => new Coordinate(s.Point.X, s.Point.Y))]);
        var clip = new Envelope(c.X - reach - 20_000, c.X + reach + 20_000, c.Y - reach - 20_000, c.Y + reach + 20_000);
        builder.ClipEnvelope = clip;
        var diagram = builder.GetDiagram(Metres);
        var inside = seeds.Take(chosen).Select(s => new Coordinate(s.Point.X, s.Point.Y)).ToHashSet();
        var beats = new List<BeatSite>();
        for (var i = 0; i < diagram.NumGeometries; i++)
        {
            var cell = (Polygon)diagram.GetGeometryN(i);
            if (cell.UserData is Coordinate site && inside.Contains(site))
            {
                beats.Add(new BeatSite(new Vec2(site.X, site.Y), cell));
            }
        }

        var boundary = UnaryUnionOp.Union(beats.Select(b => (NetTopologySuite.Geometries.Geometry)b.Cell).ToList()) as Polygon
            ?? throw new InvalidOperationException("The beats do not make one force area; choose another seed.");
        return (boundary, beats);
    }

    /// <summary>
    /// Dart throwing: random points within <paramref name="radius"/> of <paramref name="centre"/>,
    /// each kept when it is far enough from every seed kept so far (the mean of the two spacings).
    /// </summary>
    private static void Scatter(
        List<(Vec2 Point, double Spacing)> seeds, SeededRandom random, Vec2 centre, double radius, double spacing, int attempts,
        Func<Vec2, bool> accept)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var point = centre + (Vec2.FromBearing(random.Range(0, 360)) * (radius * Math.Sqrt(random.NextDouble())));
            if (!accept(point))
            {
                continue;
            }

            var clear = true;
            foreach (var (other, otherSpacing) in seeds)
            {
                if (Vec2.Distance(other, point) < (spacing + otherSpacing) / 2)
                {
                    clear = false;
                    break;
                }
            }

            if (clear)
            {
                seeds.Add((point, spacing));
            }
        }
    }
}
