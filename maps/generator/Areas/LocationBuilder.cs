using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo.Maps;
using Tracking.MapGenerator.Drawing;
using Tracking.MapGenerator.Roads;

namespace Tracking.MapGenerator.Areas;

/// <summary>
/// Places neighbourhood priority locations beside the streets of each zone: parks, shopping
/// parades, housing estates and interchanges as polygons; cash machines, school gates, pubs and
/// bus stops as points with a radius. A few overlap on purpose (a play area in a park, a cash
/// machine in a parade). Each lies well inside one beat, so its beat is never in doubt.
/// </summary>
internal sealed class LocationBuilder(
    SeededRandom random, NameBook names, IReadOnlyList<RoadDraft> roads, NetTopologySuite.Geometries.Geometry allowed, Func<Vec2, int?> beatOf)
{
    private static readonly GeometryFactory Metres = new();
    private static readonly string[] PubAdjectives = ["Red", "Golden", "Black", "White", "Royal", "Old", "Jolly", "Blue", "Green", "Grey", "Rising", "Dun"];
    private static readonly string[] PubNouns = ["Lion", "Swan", "Horse", "Bell", "Plough", "Anchor", "Fox", "Stag", "Crown", "Mitre", "Wheatsheaf", "Bull", "Hart", "Cow", "Ram"];

    private readonly List<(PlannedLocation Location, int Beat)> _placed = [];
    private readonly Dictionary<Zone, List<(RoadDraft Road, int Vertex)>> _anchors = new(ReferenceEqualityComparer.Instance);
    private readonly List<(Polygon Shape, string Name, string Street)> _parks = [];
    private readonly List<(Polygon Shape, string Name, string Street)> _parades = [];

    private enum Kind
    {
        Park,
        Parade,
        Estate,
        Interchange,
        Square,
        School,
        Pub,
        CashMachine,
        BusStop,
        LateShop,
    }

    public List<(PlannedLocation Location, int Beat)> Build(IReadOnlyList<Zone> zones, int count)
    {
        FindAnchors(zones);
        var centre = zones.Where(z => z.Kind == ZoneKind.Centre).ToList();
        var towns = zones.Where(z => z.Kind == ZoneKind.Town).ToList();
        var districts = zones.Where(z => z.Kind == ZoneKind.District).ToList();

        foreach (var zone in centre)
        {
            Place(zone, Kind.Square, "Market Square");
            Place(zone, Kind.Interchange, "Central bus station");
            Place(zone, Kind.Interchange, "Railway station forecourt");
            Place(zone, Kind.Pub, null, fixedRadius: null, pointName: "Clock Tower");
            foreach (var kind in (Kind[])[Kind.Pub, Kind.Pub, Kind.CashMachine, Kind.CashMachine, Kind.BusStop, Kind.LateShop])
            {
                Place(zone, kind);
            }
        }

        for (var t = 0; t < towns.Count; t++)
        {
            Place(towns[t], Kind.Parade);
            Place(towns[t], Kind.School);
            Place(towns[t], Kind.Pub);
            Place(towns[t], t % 2 == 0 ? Kind.Park : Kind.Interchange, t % 2 == 0 ? null : $"{towns[t].Name} bus interchange");
        }

        Kind[] cycle = [Kind.Park, Kind.Parade, Kind.Estate, Kind.School, Kind.Pub, Kind.CashMachine, Kind.BusStop, Kind.School, Kind.LateShop, Kind.Pub, Kind.Estate, Kind.BusStop];
        const int Overlaps = 5;
        for (var i = 0; _placed.Count < count - Overlaps && districts.Count > 0 && i < count * 4; i++)
        {
            Place(districts[i % districts.Count], cycle[i % cycle.Length]);
        }

        foreach (var (shape, name, _) in _parks.Take(3))
        {
            var spot = Vec2Of(shape.InteriorPoint);
            TryAdd(new PlannedLocation($"{name} play area", Metres.CreatePoint(new Coordinate(spot.X, spot.Y)), Radius(30, 50), 0, 0), overlapOk: true);
        }

        foreach (var (shape, _, street) in _parades.Take(Overlaps - Math.Min(3, _parks.Count)))
        {
            var spot = Vec2Of(shape.Centroid);
            TryAdd(new PlannedLocation($"Cash machine, {street}", Metres.CreatePoint(new Coordinate(spot.X, spot.Y)), Radius(25, 35), 0, 0), overlapOk: true);
        }

        return _placed;
    }

    private static Vec2 Vec2Of(Point point) => new(point.X, point.Y);

    private double Radius(int min, int max) => random.Between(min, max);

    /// <summary>Named street vertices by zone: where locations can be put beside a street.</summary>
    private void FindAnchors(IReadOnlyList<Zone> zones)
    {
        var locators = zones.Select(z => new IndexedPointInAreaLocator(z.Area)).ToList();
        foreach (var zone in zones)
        {
            _anchors[zone] = [];
        }

        foreach (var road in roads)
        {
            if (road.Name is null || road.IsBridge || road.Class is RoadClass.Motorway or RoadClass.Trunk || road.Points.Count < 3)
            {
                continue;
            }

            var vertex = road.Points.Count / 2;
            var at = road.Points[vertex];
            for (var z = 0; z < zones.Count; z++)
            {
                if (locators[z].Locate(new Coordinate(at.X, at.Y)) == Location.Interior)
                {
                    _anchors[zones[z]].Add((road, vertex));
                    break;
                }
            }
        }
    }

    private void Place(Zone zone, Kind kind, string? fixedName = null, double? fixedRadius = null, string? pointName = null)
    {
        var candidates = _anchors[zone];
        if (candidates.Count == 0)
        {
            return;
        }

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var (road, index) = random.Pick(candidates);
            var vertex = road.Points[index];
            var direction = (road.Points[index + 1] - road.Points[index - 1]).Normalized();
            var side = direction.Left * (random.Chance(0.5) ? 1 : -1);
            var street = road.Name!;
            var location = kind switch
            {
                Kind.Park => Area(Park(vertex, side), fixedName ?? names.Unique("location", () => $"{names.Word()} {random.Pick(["Park", "Recreation Ground", "Fields", "Gardens"])}")),
                Kind.Parade => Area(Rectangle(vertex, direction, side, random.Range(120, 200), random.Range(25, 40), 8), fixedName ?? names.Unique("location", () => random.Chance(0.5) ? $"{street} shops" : $"{names.Word()} Parade")),
                Kind.Estate => Area(Estate(vertex, direction, side), fixedName ?? names.Unique("location", () => $"{names.Word()} {random.Pick(["Estate", "Green estate", "Court estate", "Fields estate"])}")),
                Kind.Interchange => Area(Rectangle(vertex, direction, side, random.Range(70, 120), random.Range(50, 80), 8), fixedName ?? names.Unique("location", () => $"{zone.Name} interchange")),
                Kind.Square => Area(Rectangle(vertex, direction, side, random.Range(60, 90), random.Range(50, 70), 5), fixedName ?? "Market Square"),
                _ => Spot(vertex + (side * random.Range(10, 18)), pointName ?? PointName(kind, street), fixedRadius ?? PointRadius(kind)),
            };

            if (location is not null && TryAdd(location, overlapOk: false))
            {
                if (kind == Kind.Park && location.Shape is Polygon park)
                {
                    _parks.Add((park, location.Name, street));
                }
                else if (kind == Kind.Parade && location.Shape is Polygon parade)
                {
                    _parades.Add((parade, location.Name, street));
                }

                return;
            }
        }
    }

    private string PointName(Kind kind, string street) => kind switch
    {
        Kind.School => names.Unique("location", () => $"{names.Word()} {random.Pick(["Primary School", "Academy", "Junior School", "High School", "Community College"])} gate"),
        Kind.Pub => names.Unique("location", () => random.Chance(0.7)
            ? $"The {random.Pick(PubAdjectives)} {random.Pick(PubNouns)}"
            : $"The {random.Pick(PubNouns)} and {random.Pick(PubNouns)}"),
        Kind.CashMachine => names.Unique("location", () => $"Cash machine, {street}"),
        Kind.BusStop => names.Unique("location", () => $"Bus stop, {street}"),
        _ => names.Unique("location", () => $"Late shop, {street}"),
    };

    private double PointRadius(Kind kind) => kind switch
    {
        Kind.School => Radius(40, 70),
        Kind.Pub => Radius(30, 50),
        Kind.CashMachine => Radius(25, 35),
        Kind.BusStop => Radius(25, 30),
        _ => Radius(25, 40),
    };

    private static PlannedLocation? Area(Polygon? shape, string name) =>
        shape is null ? null : new PlannedLocation(name, shape, 0, 0, 0);

    private static PlannedLocation Spot(Vec2 at, string name, double radius) =>
        new(name, Metres.CreatePoint(new Coordinate(at.X, at.Y)), radius, 0, 0);

    private Polygon Park(Vec2 vertex, Vec2 side)
    {
        var radius = random.Range(80, 150);
        var ring = Sketch.Blob(vertex + (side * (radius + 15)), radius, 0.25, 14, random);
        return Metres.CreatePolygon([.. ring.Select(p => new Coordinate(p.X, p.Y))]);
    }

    private static Polygon Rectangle(Vec2 vertex, Vec2 direction, Vec2 side, double length, double width, double setBack)
    {
        var centre = vertex + (side * (setBack + (width / 2)));
        var a = direction * (length / 2);
        var b = side * (width / 2);
        Vec2[] corners = [centre - a - b, centre + a - b, centre + a + b, centre - a + b, centre - a - b];
        return Metres.CreatePolygon([.. corners.Select(p => new Coordinate(p.X, p.Y))]);
    }

    /// <summary>An estate: a rough, many-sided block set back from the street.</summary>
    private Polygon Estate(Vec2 vertex, Vec2 direction, Vec2 side)
    {
        var length = random.Range(250, 360);
        var width = random.Range(180, 280);
        var centre = vertex + (side * ((width / 2) + 10));
        var corners = new List<Vec2>();
        for (var i = 0; i < 8; i++)
        {
            var angle = (2 * Math.PI * i / 8) + (Math.PI / 8);
            var along = Math.Clamp(Math.Cos(angle) * 1.3, -1, 1) * length / 2;
            var across = Math.Clamp(Math.Sin(angle) * 1.3, -1, 1) * width / 2;
            corners.Add(centre + (direction * (along * random.Range(0.85, 1.0))) + (side * (across * random.Range(0.85, 1.0))));
        }

        if (Sketch.SignedArea([.. corners, corners[0]]) < 0)
        {
            corners.Reverse();
        }

        corners.Add(corners[0]);
        return Metres.CreatePolygon([.. corners.Select(p => new Coordinate(p.X, p.Y))]);
    }

    private bool TryAdd(PlannedLocation location, bool overlapOk)
    {
        var centre = location.Centre;
        var at = new Vec2(centre.X, centre.Y);
        if (!location.Shape.IsValid || !allowed.Contains(location.Shape) || beatOf(at) is not int beat)
        {
            return false;
        }

        if (!overlapOk && _placed.Any(p => Vec2.Distance(Vec2Of(p.Location.Centre), at) < 80 || p.Location.Shape.Intersects(location.Shape)))
        {
            return false;
        }

        var visits = random.Between(1, 6);
        var minutes = Math.Clamp((int)Math.Round(visits * random.Range(6, 20) / 5) * 5, 10, 120);
        _placed.Add((location with { VisitsPerDay = visits, MinutesPerDay = minutes }, beat));
        return true;
    }
}
