using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Matching;
using Tracking.Testing.Geometry;

namespace Tracking.Core.Tests.Geo.Matching;

/// <summary>
/// The index against NetTopologySuite as the oracle, on seeded random areas and about 100,000 points, a third of them
/// exactly on vertices and edges, near them by one ulp, on the index's own cell corners, or outside everything.
/// </summary>
public sealed class AreaIndexExactnessTests
{
    private const double OriginX = 452_000.37;
    private const double OriginY = 298_000.81;
    private const double Side = 10_000;

    private static readonly Lazy<(List<IndexedArea> Areas, AreaIndex Index)> Data = new(CreateData);

    private static (List<IndexedArea> Areas, AreaIndex Index) CreateData()
    {
        var random = new Random(20240301);
        var areas = new List<IndexedArea>();
        foreach (var beat in SyntheticAreas.WigglyTiling(random, OriginX, OriginY, Side / 8, Side / 8, 8, 8, 25))
        {
            areas.Add(new IndexedArea($"beat-{areas.Count}", AreaKind.Beat, beat));
        }

        double X() => OriginX + (random.NextDouble() * Side);
        double Y() => OriginY + (random.NextDouble() * Side);
        void Add(Geometry geometry, double radius = 0) =>
            areas.Add(new IndexedArea($"loc-{areas.Count}", AreaKind.Location, geometry, radius));

        for (var i = 0; i < 150; i++)
        {
            Add(SyntheticAreas.Star(random, X(), Y(), 20 + (random.NextDouble() * 100), 120 + (random.NextDouble() * 200), 20 + random.Next(81)));
        }

        for (var i = 0; i < 40; i++)
        {
            Add(SyntheticAreas.StarWithHoles(random, X(), Y(), 80 + (random.NextDouble() * 100), 200 + (random.NextDouble() * 150), 30 + random.Next(71)));
        }

        for (var i = 0; i < 30; i++)
        {
            Add(SyntheticAreas.StarCluster(random, X(), Y(), 60 + (random.NextDouble() * 150), 12 + random.Next(40)));
        }

        // Rectangles on a 10 m lattice: edges on round numbers, some shared exactly with the next rectangle.
        for (var i = 0; i < 40; i++)
        {
            var minX = Math.Round(X() / 10) * 10;
            var minY = Math.Round(Y() / 10) * 10;
            var width = 10 * (1 + random.Next(40));
            var height = 10 * (1 + random.Next(40));
            Add(SyntheticAreas.Rectangle(minX, minY, minX + width, minY + height));
            if (i % 3 == 0)
            {
                Add(SyntheticAreas.Rectangle(minX + width, minY, minX + (2 * width), minY + height));
            }
        }

        // Circles with whole-metre centres and radii, so that points on the rim can be written exactly.
        for (var i = 0; i < 60; i++)
        {
            Add(SyntheticAreas.Point(Math.Round(X()), Math.Round(Y())), 10 + random.Next(400));
        }

        // Locations drawn over others, to get points in several at once.
        var count = areas.Count;
        for (var i = 64; i < count; i += 7)
        {
            var centre = areas[i].Metres.Centroid;
            Add(SyntheticAreas.Star(random, centre.X + 15, centre.Y - 10, 50, 150, 40));
        }

        return (areas, AreaIndex.Build(areas));
    }

    private static List<(double X, double Y)> QueryPoints(AreaIndex index, List<IndexedArea> areas)
    {
        var random = new Random(7);
        var points = new List<(double X, double Y)>();
        for (var i = 0; i < 45_000; i++)
        {
            points.Add((OriginX - 300 + (random.NextDouble() * (Side + 600)), OriginY - 300 + (random.NextDouble() * (Side + 600))));
        }

        foreach (var area in areas)
        {
            if (area.Metres is Point centre)
            {
                var r = area.RadiusMetres;
                points.Add((centre.X + r, centre.Y));
                points.Add((centre.X, centre.Y - r));
                points.Add((centre.X - r, centre.Y));
                points.Add((Math.BitIncrement(centre.X + r), centre.Y));
                var angle = random.NextDouble() * 2 * Math.PI;
                points.Add((centre.X + (r * Math.Cos(angle)), centre.Y + (r * Math.Sin(angle))));
                continue;
            }

            var coordinates = area.Metres.Coordinates;
            for (var k = 0; k + 1 < coordinates.Length; k++)
            {
                var a = coordinates[k];
                var b = coordinates[k + 1];
                if (a.Equals2D(b))
                {
                    continue;
                }

                // Every vertex, exactly.
                if (k % 2 == 0)
                {
                    points.Add((a.X, a.Y));
                }

                // On the edge: the midpoint and a random point (exactly on it for axis-aligned edges, within
                // rounding of it otherwise, which is what an exact predicate must decide).
                if (k % 3 == 0)
                {
                    points.Add(((a.X + b.X) / 2, (a.Y + b.Y) / 2));
                }

                if (k % 3 == 1)
                {
                    var t = random.NextDouble();
                    points.Add((a.X + (t * (b.X - a.X)), a.Y + (t * (b.Y - a.Y))));
                }

                // A hair off a vertex, either way.
                if (k % 5 == 0)
                {
                    points.Add((Math.BitIncrement(a.X), a.Y));
                    points.Add((a.X, Math.BitDecrement(a.Y)));
                }
            }
        }

        // The index's own cell corners, and a hair off them: where finding the cell is most sensitive to rounding.
        var corners = index.CellCorners().ToList();
        for (var i = 0; i < 12_000 && corners.Count > 0; i++)
        {
            var (x, y) = corners[random.Next(corners.Count)];
            points.Add((x, y));
            points.Add((Math.BitDecrement(x), Math.BitIncrement(y)));
        }

        // Far outside the extent.
        for (var i = 0; i < 1_000; i++)
        {
            points.Add((OriginX + ((random.NextDouble() - 0.5) * 1e6), OriginY - 50_000 - (random.NextDouble() * 1e5)));
        }

        return points;
    }

    private static List<int> Oracle(List<IndexedArea> areas, List<IPointOnGeometryLocator?> locators, double x, double y)
    {
        var expected = new List<int>();
        var coordinate = new Coordinate(x, y);
        for (var i = 0; i < areas.Count; i++)
        {
            var envelope = areas[i].Metres.EnvelopeInternal;
            var r = areas[i].RadiusMetres;
            if (x < envelope.MinX - r || x > envelope.MaxX + r || y < envelope.MinY - r || y > envelope.MaxY + r)
            {
                continue;
            }

            var inside = locators[i] is { } locator
                ? locator.Locate(coordinate) != Location.Exterior
                : coordinate.Distance(areas[i].Metres.Coordinate) <= r;
            if (inside)
            {
                expected.Add(i);
            }
        }

        return expected;
    }

    [Fact]
    public void The_random_areas_are_valid_and_the_beats_tile_their_square()
    {
        var (areas, _) = Data.Value;
        Assert.All(areas, area => Assert.True(area.Metres.IsValid, $"{area.Id} is not valid"));
        var beats = areas.Where(a => a.Kind == AreaKind.Beat).Select(a => a.Metres).ToList();
        Assert.Equal(64, beats.Count);
        Assert.Equal(Side * Side, beats.Sum(b => b.Area), 3);
        Assert.Equal(Side * Side, SyntheticAreas.Factory.BuildGeometry(beats).Union().Area, 3);
    }

    [Fact]
    public void Every_point_gets_exactly_the_areas_that_cover_it_in_NetTopologySuite()
    {
        var (areas, index) = Data.Value;
        var locators = areas.Select(a => a.Metres is Point ? null : (IPointOnGeometryLocator)new IndexedPointInAreaLocator(a.Metres)).ToList();
        var points = QueryPoints(index, areas);
        Assert.InRange(points.Count, 95_000, 130_000);

        var actual = new List<int>();
        var mismatches = new List<string>();
        var onBoundary = 0;
        var inSeveral = 0;
        foreach (var (x, y) in points)
        {
            index.Locate(x, y, actual);
            var expected = Oracle(areas, locators, x, y);
            if (!actual.SequenceEqual(expected) && mismatches.Count < 10)
            {
                mismatches.Add(FormattableString.Invariant($"({x:R}, {y:R}): index [{string.Join(",", actual)}], NTS [{string.Join(",", expected)}]"));
            }

            inSeveral += expected.Count >= 3 ? 1 : 0;
            onBoundary += expected.Any(i => locators[i]?.Locate(new Coordinate(x, y)) == Location.Boundary) ? 1 : 0;
        }

        Assert.Empty(mismatches);
        // The data exercise what they are meant to.
        Assert.True(onBoundary > 10_000, $"only {onBoundary} points on a boundary");
        Assert.True(inSeveral > 1_000, $"only {inSeveral} points in a beat and two or more locations");
    }

    [Fact]
    public void An_area_far_from_the_rest_stretching_the_grid_does_not_change_any_answer()
    {
        // All the map but one location crowds into a corner of the top grid, so its cells are split into finer grids.
        var (areas, _) = Data.Value;
        var stretched = areas.Append(new IndexedArea("far", AreaKind.Location, SyntheticAreas.Rectangle(OriginX + 300_000, OriginY + 300_000, OriginX + 300_100, OriginY + 300_050))).ToList();
        var index = AreaIndex.Build(stretched);
        var locators = stretched.Select(a => a.Metres is Point ? null : (IPointOnGeometryLocator)new IndexedPointInAreaLocator(a.Metres)).ToList();
        var random = new Random(23);
        var actual = new List<int>();
        var points = QueryPoints(index, stretched).OrderBy(_ => random.Next()).Take(30_000).Append((OriginX + 300_050, OriginY + 300_050));
        foreach (var (x, y) in points)
        {
            index.Locate(x, y, actual);
            Assert.Equal(Oracle(stretched, locators, x, y), actual);
        }
    }

    [Fact]
    public void Points_on_a_boundary_agree_with_Geometry_Covers()
    {
        var (areas, index) = Data.Value;
        var random = new Random(11);
        var actual = new List<int>();
        var checkedPoints = 0;
        foreach (var area in areas.Where(a => a.Metres is not Point).Take(120))
        {
            var coordinates = area.Metres.Coordinates;
            for (var k = 0; k + 1 < coordinates.Length; k += 4)
            {
                var t = random.NextDouble();
                var (x, y) = k % 8 == 0
                    ? (coordinates[k].X, coordinates[k].Y)
                    : (coordinates[k].X + (t * (coordinates[k + 1].X - coordinates[k].X)), coordinates[k].Y + (t * (coordinates[k + 1].Y - coordinates[k].Y)));
                index.Locate(x, y, actual);
                var point = SyntheticAreas.Point(x, y);
                var expected = Enumerable.Range(0, areas.Count)
                    .Where(i => areas[i].Metres is Point c ? c.Coordinate.Distance(point.Coordinate) <= areas[i].RadiusMetres : areas[i].Metres.Covers(point))
                    .ToList();
                Assert.Equal(expected, actual);
                checkedPoints++;
            }
        }

        Assert.True(checkedPoints > 1_000);
    }

    [Fact]
    public void The_beat_and_locations_form_agrees_with_the_full_list()
    {
        var (areas, index) = Data.Value;
        var random = new Random(3);
        var all = new List<int>();
        var locations = new List<int>();
        for (var i = 0; i < 20_000; i++)
        {
            var x = OriginX - 100 + (random.NextDouble() * (Side + 200));
            var y = OriginY - 100 + (random.NextDouble() * (Side + 200));
            index.Locate(x, y, all);
            var beat = index.LocateBeatAndLocations(x, y, locations);
            var beats = all.Where(a => areas[a].Kind == AreaKind.Beat).ToList();
            Assert.Equal(beats.Count == 0 ? -1 : beats[0], beat);
            Assert.Equal(all.Where(a => areas[a].Kind == AreaKind.Location), locations);
            Assert.All(all, a => Assert.True(index.Covers(a, x, y)));
        }
    }

    [Fact]
    public void Inside_the_tiled_square_every_point_is_in_exactly_one_beat_unless_on_a_shared_edge()
    {
        var (areas, index) = Data.Value;
        var random = new Random(5);
        var all = new List<int>();
        for (var i = 0; i < 20_000; i++)
        {
            index.Locate(OriginX + (random.NextDouble() * Side), OriginY + (random.NextDouble() * Side), all);
            Assert.Single(all, a => areas[a].Kind == AreaKind.Beat);
        }
    }

    [Fact]
    public void Candidates_are_the_areas_whose_bounding_box_meets_the_box()
    {
        var (areas, index) = Data.Value;
        var random = new Random(9);
        var result = new List<int>();
        for (var i = 0; i < 2_000; i++)
        {
            var x = OriginX - 500 + (random.NextDouble() * (Side + 1000));
            var y = OriginY - 500 + (random.NextDouble() * (Side + 1000));
            var width = i % 10 == 0 ? random.NextDouble() * 5000 : random.NextDouble() * 300;
            var height = i % 10 == 0 ? random.NextDouble() * 5000 : random.NextDouble() * 300;
            index.Candidates(x, y, x + width, y + height, result);
            var box = new Envelope(x, x + width, y, y + height);
            var expected = Enumerable.Range(0, areas.Count).Where(a =>
            {
                var envelope = new Envelope(areas[a].Metres.EnvelopeInternal);
                envelope.ExpandBy(areas[a].RadiusMetres);
                return envelope.Intersects(box);
            });
            Assert.Equal(expected, result);
        }
    }

    [Fact]
    public void Queries_from_many_threads_at_once_get_the_same_answers_as_from_one()
    {
        var (_, index) = Data.Value;
        var random = new Random(19);
        var points = Enumerable.Range(0, 40_000).Select(_ => (X: OriginX + (random.NextDouble() * Side), Y: OriginY + (random.NextDouble() * Side))).ToArray();
        var sequential = new int[points.Length][];
        var list = new List<int>();
        for (var i = 0; i < points.Length; i++)
        {
            index.Locate(points[i].X, points[i].Y, list);
            sequential[i] = [.. list];
        }

        var concurrent = new int[points.Length][];
        Parallel.For(0, points.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, () => new List<int>(), (i, _, own) =>
        {
            index.Locate(points[i].X, points[i].Y, own);
            concurrent[i] = [.. own];
            return own;
        }, _ => { });

        for (var i = 0; i < points.Length; i++)
        {
            Assert.Equal(sequential[i], concurrent[i]);
        }
    }

    [Fact]
    public void A_query_allocates_nothing()
    {
        var (_, index) = Data.Value;
        var random = new Random(13);
        var locations = new List<int>(16);
        var all = new List<int>(16);
        var points = Enumerable.Range(0, 10_000).Select(_ => (X: OriginX + (random.NextDouble() * Side), Y: OriginY + (random.NextDouble() * Side))).ToArray();
        index.LocateBeatAndLocations(points[0].X, points[0].Y, locations);
        index.Locate(points[0].X, points[0].Y, all);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var beats = 0;
        foreach (var (x, y) in points)
        {
            beats += index.LocateBeatAndLocations(x, y, locations) >= 0 ? 1 : 0;
            index.Locate(x, y, all);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(points.Length, beats);
    }

    [Fact]
    public void The_index_of_two_thousand_areas_of_a_hundred_vertices_stays_small()
    {
        var random = new Random(17);
        var areas = SyntheticAreas.WigglyTiling(random, OriginX, OriginY, 3000, 1500, 10, 20, 25)
            .Select((beat, i) => new IndexedArea($"beat-{i}", AreaKind.Beat, beat))
            .Concat(Enumerable.Range(0, 1800).Select(i => new IndexedArea(
                $"loc-{i}", AreaKind.Location,
                SyntheticAreas.Star(random, OriginX + (random.NextDouble() * 30_000), OriginY + (random.NextDouble() * 30_000), 40, 300, 100))))
            .ToList();
        var index = AreaIndex.Build(areas);
        Assert.InRange(index.ApproximateBytes, 1, 64L * 1024 * 1024);
    }
}
