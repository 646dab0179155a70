using Tracking.Core.Geo.Maps;
using Tracking.MapGenerator.Drawing;

namespace Tracking.MapGenerator.Layout;

/// <summary>
/// The plan of a force area before anything is drawn: where the city, its rings and the towns
/// are, which roads join them, where the river and the motorway run, and how dense the streets
/// and beats are. Metres in British National Grid.
/// </summary>
internal sealed class AreaLayout
{
    /// <summary>Leicester's centre, British National Grid (about -1.1337, 52.6362).</summary>
    public static readonly Vec2 Leicester = new(458_700, 304_500);

    public required Vec2 Centre { get; init; }

    public required double InnerRingRadius { get; init; }

    public required double OuterRingRadius { get; init; }

    public required double UrbanRadius { get; init; }

    public required double CentreSpacing { get; init; }

    public required double InnerSpacing { get; init; }

    public required double OuterSpacing { get; init; }

    public required double TownSpacing { get; init; }

    public required IReadOnlyList<TownPlan> Towns { get; init; }

    public required IReadOnlyList<RadialPlan> Radials { get; init; }

    public required IReadOnlyList<LinkPlan> Links { get; init; }

    /// <summary>Typical distance from the centre to the force boundary.</summary>
    public required double BoundaryRadius { get; init; }

    /// <summary>How far the boundary wanders from a circle (a fraction of its radius).</summary>
    public required double BoundaryVariation { get; init; }

    /// <summary>The river's mean easting relative to the centre (negative: west).</summary>
    public required double RiverOffset { get; init; }

    /// <summary>The motorway's easting relative to the centre where it passes the centre's northing.</summary>
    public required double MotorwayOffset { get; init; }

    /// <summary>Whether country B-roads meet the motorway at junctions (else they pass over it).</summary>
    public required bool LinksJoinMotorway { get; init; }

    public required int LocationCount { get; init; }

    /// <summary>Villages in the country, each with a lane out to the nearest main road.</summary>
    public required int Hamlets { get; init; }

    /// <summary>The demo force area: Leicester, seven towns, about 30 km across.</summary>
    public static AreaLayout Demo()
    {
        var c = Leicester;
        TownPlan Town(string name, double eastKm, double northKm, double radiusKm, bool station) =>
            new(name, c + new Vec2(eastKm * 1000, northKm * 1000), radiusKm * 1000, station);

        return new AreaLayout
        {
            Centre = c,
            InnerRingRadius = 800,
            OuterRingRadius = 4_200,
            UrbanRadius = 5_600,
            CentreSpacing = 110,
            InnerSpacing = 175,
            OuterSpacing = 210,
            TownSpacing = 150,
            Towns =
            [
                Town("Birstall", 1.5, 8.0, 1.0, false),
                Town("Syston", 6.5, 7.5, 1.2, true),
                Town("Oadby", 7.5, -2.5, 1.1, false),
                Town("Wigston", 3.0, -8.5, 1.3, true),
                Town("Blaby", -4.0, -9.0, 1.0, false),
                Town("Enderby", -10.0, -4.0, 1.2, true),
                Town("Glenfield", -9.5, 4.0, 1.0, false),
            ],
            Radials =
            [
                new(c + new Vec2(1_500, 8_000), 0, "Birstall Road", "A6"),
                new(c + new Vec2(6_500, 7_500), 1, "Syston Road", "A607"),
                new(c + (Vec2.FromBearing(80) * 17_000), null, "Uppingham Road", "A47"),
                new(c + new Vec2(7_500, -2_500), 2, "Oadby Road", "A6030"),
                new(c + new Vec2(3_000, -8_500), 3, "Wigston Road", "A5199"),
                new(c + new Vec2(-4_000, -9_000), 4, "Blaby Road", "A426"),
                new(c + new Vec2(-10_000, -4_000), 5, "Enderby Road", "A5460"),
                new(c + new Vec2(-9_500, 4_000), 6, "Glenfield Road", "A50"),
                new(c + (Vec2.FromBearing(340) * 17_000), null, "Anstey Road", "A5630"),
            ],
            Links =
            [
                new(0, 1, "B5328", RoadClass.Secondary, 50),
                new(1, 2, "B6047", RoadClass.Tertiary, 40),
                new(2, 3, "B582", RoadClass.Secondary, 50),
                new(3, 4, "B5366", RoadClass.Tertiary, 40),
                new(4, 5, "B4114", RoadClass.Secondary, 50),
                new(5, 6, "B5380", RoadClass.Tertiary, 40),
                new(6, 0, "B5327", RoadClass.Secondary, 50),
            ],
            BoundaryRadius = 14_000,
            BoundaryVariation = 0.08,
            RiverOffset = -1_400,
            MotorwayOffset = -7_500,
            LinksJoinMotorway = false,
            LocationCount = 64,
            Hamlets = 10,
        };
    }

    /// <summary>
    /// A county-sized area for benchmarks: the same city with denser streets and two dozen towns
    /// over about 60 km × 60 km, every town joined up by A- and B-roads.
    /// </summary>
    public static AreaLayout County(SeededRandom random, NameBook names)
    {
        var c = Leicester;
        const double RiverOffset = -1_400;
        const double MotorwayOffset = -7_500;
        var towns = new List<TownPlan>();
        for (var attempt = 0; towns.Count < 24 && attempt < 20_000; attempt++)
        {
            var position = c + (Vec2.FromBearing(random.Range(0, 360)) * random.Range(10_000, 25_000));
            var east = position.X - c.X;
            var north = position.Y - c.Y;
            var clear = Math.Abs(east - RiverOffset) > 3_000
                && Math.Abs(east - (MotorwayOffset - (0.1 * north))) > 3_000
                && towns.All(t => Vec2.Distance(t.Centre, position) > 6_000);
            if (clear)
            {
                towns.Add(new TownPlan(names.Place(), position, random.Range(1_300, 2_200), false));
            }
        }

        // The largest towns have a station.
        var largest = towns.OrderByDescending(t => t.Radius).Take(5).ToHashSet();
        towns = [.. towns.Select(t => largest.Contains(t) ? t with { HasStation = true } : t)];

        var radials = new List<RadialPlan>();
        var bearings = new List<double>();
        foreach (var index in Enumerable.Range(0, towns.Count).OrderBy(i => Vec2.Distance(towns[i].Centre, c)))
        {
            var bearing = (towns[index].Centre - c).Bearing;
            if (radials.Count < 10 && bearings.All(b => AngleBetween(b, bearing) >= 20))
            {
                bearings.Add(bearing);
                radials.Add(new RadialPlan(towns[index].Centre, index, $"{towns[index].Name} Road", $"A{random.Between(500, 6999)}"));
            }
        }

        var links = new List<LinkPlan>();
        var joined = new HashSet<(int, int)>();
        void Link(int a, int b)
        {
            if (a != b && joined.Add((Math.Min(a, b), Math.Max(a, b))))
            {
                var secondary = random.Chance(0.5);
                links.Add(new LinkPlan(
                    a, b, $"B{random.Between(4000, 6999)}", secondary ? RoadClass.Secondary : RoadClass.Tertiary, secondary ? 50 : 40));
            }
        }

        for (var i = 0; i < towns.Count; i++)
        {
            foreach (var j in Enumerable.Range(0, towns.Count).Where(j => j != i)
                .OrderBy(j => Vec2.Distance(towns[i].Centre, towns[j].Centre)).Take(2))
            {
                Link(i, j);
            }
        }

        // Every town reaches the city: join any group of towns left apart to its nearest town that does.
        var reached = ReachedFromCity(towns.Count, radials, links);
        while (reached.Any(r => !r))
        {
            var (from, to) = Enumerable.Range(0, towns.Count).Where(i => !reached[i])
                .SelectMany(i => Enumerable.Range(0, towns.Count).Where(j => reached[j]).Select(j => (i, j)))
                .MinBy(pair => Vec2.Distance(towns[pair.i].Centre, towns[pair.j].Centre));
            Link(from, to);
            reached = ReachedFromCity(towns.Count, radials, links);
        }

        return new AreaLayout
        {
            Centre = c,
            InnerRingRadius = 900,
            OuterRingRadius = 5_000,
            UrbanRadius = 7_000,
            CentreSpacing = 95,
            InnerSpacing = 115,
            OuterSpacing = 125,
            TownSpacing = 110,
            Towns = towns,
            Radials = radials,
            Links = links,
            BoundaryRadius = 29_000,
            BoundaryVariation = 0.05,
            RiverOffset = RiverOffset,
            MotorwayOffset = MotorwayOffset,
            LinksJoinMotorway = true,
            LocationCount = 120,
            Hamlets = 40,
        };
    }

    private static double AngleBetween(double a, double b)
    {
        var difference = Math.Abs(a - b) % 360;
        return difference > 180 ? 360 - difference : difference;
    }

    private static bool[] ReachedFromCity(int townCount, List<RadialPlan> radials, List<LinkPlan> links)
    {
        var reached = new bool[townCount];
        var queue = new Queue<int>();
        foreach (var radial in radials)
        {
            if (radial.Town is int town && !reached[town])
            {
                reached[town] = true;
                queue.Enqueue(town);
            }
        }

        while (queue.Count > 0)
        {
            var town = queue.Dequeue();
            foreach (var link in links)
            {
                var other = link.From == town ? link.To : link.To == town ? link.From : -1;
                if (other >= 0 && !reached[other])
                {
                    reached[other] = true;
                    queue.Enqueue(other);
                }
            }
        }

        return reached;
    }
}
