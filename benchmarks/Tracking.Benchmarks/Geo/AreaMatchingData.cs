using Tracking.Core.Geo.Matching;
using Tracking.Testing.Geometry;

namespace Tracking.Benchmarks.Geo;

/// <summary>
/// The seeded map and fixes of the area matching benchmark, in British National Grid metres (a 30 km square with its
/// south-west corner at 440000, 290000):
/// <list type="bullet">
/// <item>200 beats tiling the square, 20 × 10 cells of 1.5 × 3 km on a jittered lattice whose every side is a wiggly
/// 25-segment line shared exactly by the two beats beside it: 100 vertices each;</item>
/// <item>1,800 priority locations, star-shaped concave polygons of 100 vertices and 40–300 m radius, 60% of them around
/// five town centres (so they overlap there) and 40% anywhere;</item>
/// <item>100,000 fixes: 70% anywhere in the square, 28% within about 400 m of a location's centre (vehicles patrol where
/// the locations are) and 2% up to 5 km outside the square.</item>
/// </list>
/// </summary>
internal sealed class AreaMatchingData
{
    public const int Beats = 200;
    public const int Locations = 1_800;
    public const int Fixes = 100_000;
    public const double OriginX = 440_000;
    public const double OriginY = 290_000;
    public const double Side = 30_000;

    private AreaMatchingData(List<IndexedArea> areas, double[] x, double[] y)
    {
        Areas = areas;
        X = x;
        Y = y;
    }

    public List<IndexedArea> Areas { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public static AreaMatchingData Create(int seed = 1)
    {
        var random = new Random(seed);
        var areas = new List<IndexedArea>(Beats + Locations);
        foreach (var beat in SyntheticAreas.WigglyTiling(random, OriginX, OriginY, Side / 20, Side / 10, 20, 10, 25))
        {
            areas.Add(new IndexedArea($"beat-{areas.Count:D3}", AreaKind.Beat, beat));
        }

        var towns = Enumerable.Range(0, 5).Select(_ => (X: OriginX + 4_000 + (random.NextDouble() * 22_000), Y: OriginY + 4_000 + (random.NextDouble() * 22_000))).ToArray();
        var centres = new (double X, double Y)[Locations];
        for (var i = 0; i < Locations; i++)
        {
            if (i % 5 < 3)
            {
                var town = towns[random.Next(towns.Length)];
                centres[i] = (town.X + (Gaussian(random) * 1_500), town.Y + (Gaussian(random) * 1_500));
            }
            else
            {
                centres[i] = (OriginX + 500 + (random.NextDouble() * (Side - 1_000)), OriginY + 500 + (random.NextDouble() * (Side - 1_000)));
            }

            var maxRadius = 40 + (random.NextDouble() * 260);
            var minRadius = maxRadius * (0.4 + (random.NextDouble() * 0.4));
            areas.Add(new IndexedArea($"loc-{i:D4}", AreaKind.Location, SyntheticAreas.Star(random, centres[i].X, centres[i].Y, minRadius, maxRadius, 100)));
        }

        var x = new double[Fixes];
        var y = new double[Fixes];
        for (var i = 0; i < Fixes; i++)
        {
            var kind = random.Next(100);
            if (kind < 70)
            {
                (x[i], y[i]) = (OriginX + (random.NextDouble() * Side), OriginY + (random.NextDouble() * Side));
            }
            else if (kind < 98)
            {
                var centre = centres[random.Next(Locations)];
                (x[i], y[i]) = (centre.X + (Gaussian(random) * 200), centre.Y + (Gaussian(random) * 200));
            }
            else
            {
                var angle = random.NextDouble() * 2 * Math.PI;
                var distance = (Side * 0.71) + (random.NextDouble() * 5_000);
                (x[i], y[i]) = (OriginX + (Side / 2) + (distance * Math.Cos(angle)), OriginY + (Side / 2) + (distance * Math.Sin(angle)));
            }
        }

        return new AreaMatchingData(areas, x, y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
