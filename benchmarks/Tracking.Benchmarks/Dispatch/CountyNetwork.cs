using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;

namespace Tracking.Benchmarks.Dispatch;

/// <summary>
/// A seeded county-sized road network (60 km × 60 km around Leicester) for routing benchmarks:
/// a lattice of rural roads every 600 m (every 15 km an A-road at 60 mph, else 40 mph), and towns
/// of 4.8 km × 4.8 km where residential streets every 120 m fill the lattice (20 mph, 15% one-way)
/// and the lattice roads through town drop to 30 mph. Every junction is jittered by up to ±25 m,
/// so no two blocks are the same, and roads carry their shape between junctions.
/// </summary>
internal sealed class CountyNetwork
{
    public const double Step = 120;        // fine grid spacing, metres
    public const int LatticeEvery = 5;     // a lattice road every 5 fine steps = 600 m
    public const int Steps = 500;          // 500 × 120 m = 60 km
    public const int ARoadEvery = 125;     // every 15 km
    public const int TownCells = 8;        // towns are 8 × 8 lattice cells = 4.8 km

    private static readonly GeometryFactory Factory = new();
    private readonly double[,] _jitterX = new double[Steps + 1, Steps + 1];
    private readonly double[,] _jitterY = new double[Steps + 1, Steps + 1];
    private readonly Dictionary<(int, int), Coordinate> _coordinates = [];
    private readonly bool[,] _townCell;

    public CountyNetwork(int towns, int seed = 1964)
    {
        var random = new Random(seed);
        for (var i = 0; i <= Steps; i++)
        {
            for (var j = 0; j <= Steps; j++)
            {
                _jitterX[i, j] = (random.NextDouble() * 50) - 25;
                _jitterY[i, j] = (random.NextDouble() * 50) - 25;
            }
        }

        var cells = Steps / LatticeEvery;
        _townCell = new bool[cells, cells];
        var centres = new List<(double X, double Y)>();
        for (var t = 0; t < towns; t++)
        {
            var ci = 4 + random.Next(cells - TownCells - 8);
            var cj = 4 + random.Next(cells - TownCells - 8);
            centres.Add((Position(((ci + (TownCells / 2)) * LatticeEvery), ((cj + (TownCells / 2)) * LatticeEvery)).X,
                         Position(((ci + (TownCells / 2)) * LatticeEvery), ((cj + (TownCells / 2)) * LatticeEvery)).Y));
            for (var a = ci; a < ci + TownCells; a++)
            {
                for (var b = cj; b < cj + TownCells; b++)
                {
                    _townCell[a, b] = true;
                }
            }
        }

        TownCentres = centres;
        var roads = new List<Road>();

        // Lattice roads, one per 600 m piece so that speeds can differ in and out of town.
        for (var line = 0; line <= Steps; line += LatticeEvery)
        {
            for (var from = 0; from < Steps; from += LatticeEvery)
            {
                var inTown = InTown(line, from, horizontal: true);
                roads.Add(LatticeRoad(roads.Count, line, from, horizontal: true, inTown));
                inTown = InTown(line, from, horizontal: false);
                roads.Add(LatticeRoad(roads.Count, line, from, horizontal: false, inTown));
            }
        }

        // Town streets: the fine lines inside each town cell, junctions at every fine crossing.
        for (var a = 0; a < cells; a++)
        {
            for (var b = 0; b < cells; b++)
            {
                if (!_townCell[a, b])
                {
                    continue;
                }

                for (var k = 1; k < LatticeEvery; k++)
                {
                    roads.Add(Street(roads.Count, random, (a * LatticeEvery) + k, b * LatticeEvery, horizontal: false));
                    roads.Add(Street(roads.Count, random, b * LatticeEvery + k, a * LatticeEvery, horizontal: true));
                }
            }
        }

        Roads = roads;
    }

    public static MapProjection Projection { get; } = MapProjection.Local(-1.13, 52.63);

    public IReadOnlyList<Road> Roads { get; }

    /// <summary>Town centres, metres.</summary>
    public IReadOnlyList<(double X, double Y)> TownCentres { get; }

    /// <summary>Side of the county, metres.</summary>
    public static double Side => Steps * Step;

    /// <summary>The jittered position (metres, centred on the projection's origin) of fine grid point (i, j).</summary>
    public (double X, double Y) Position(int i, int j) =>
        ((i * Step) - (Side / 2) + _jitterX[i, j], (j * Step) - (Side / 2) + _jitterY[i, j]);

    private bool InTown(int line, int from, bool horizontal)
    {
        var cells = Steps / LatticeEvery;
        var along = from / LatticeEvery;
        var across = line / LatticeEvery;

        // A lattice piece is in town when a town cell lies on either side of it.
        bool Cell(int a, int b) => a >= 0 && b >= 0 && a < cells && b < cells && _townCell[a, b];
        return horizontal
            ? Cell(along, across) || Cell(along, across - 1)
            : Cell(across, along) || Cell(across - 1, along);
    }

    private Road LatticeRoad(int id, int line, int from, bool horizontal, bool inTown)
    {
        var points = new Coordinate[LatticeEvery + 1];
        for (var k = 0; k <= LatticeEvery; k++)
        {
            points[k] = horizontal ? Coordinate(from + k, line) : Coordinate(line, from + k);
        }

        var (roadClass, mph) = inTown ? (RoadClass.Tertiary, 30)
            : line % ARoadEvery == 0 ? (RoadClass.Trunk, 60)
            : (RoadClass.Secondary, 40);
        return new Road($"r{id}", null, roadClass, mph * 0.44704, OneWay: false, Factory.CreateLineString(points));
    }

    private Road Street(int id, Random random, int line, int from, bool horizontal)
    {
        var points = new Coordinate[LatticeEvery + 1];
        for (var k = 0; k <= LatticeEvery; k++)
        {
            points[k] = horizontal ? Coordinate(from + k, line) : Coordinate(line, from + k);
        }

        var oneWay = random.NextDouble() < 0.15;
        if (oneWay && random.Next(2) == 0)
        {
            Array.Reverse(points);
        }

        return new Road($"s{id}", null, RoadClass.Residential, 20 * 0.44704, oneWay, Factory.CreateLineString(points));
    }

    private Coordinate Coordinate(int i, int j)
    {
        if (!_coordinates.TryGetValue((i, j), out var coordinate))
        {
            var (x, y) = Position(i, j);
            var (lon, lat) = Projection.Unproject(x, y);
            coordinate = new Coordinate(lon, lat);
            _coordinates.Add((i, j), coordinate);
        }

        return coordinate;
    }
}
