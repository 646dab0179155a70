using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Operation.Union;
using Tracking.Core.Geo.Maps;
using Tracking.MapGenerator.Drawing;
using Tracking.MapGenerator.Layout;

namespace Tracking.MapGenerator.Roads;

/// <summary>
/// Draws an area's roads in metres: the city's rings and arterials, the A-roads to the towns,
/// the B-roads between them, the motorway, and the street grids of the centre, the districts and
/// the towns; then cuts them at the river (except the bridges) and the force boundary, and nodes
/// them into one network.
/// </summary>
internal sealed class RoadNetworkBuilder(AreaLayout layout, SeededRandom random, NameBook names)
{
    private static readonly GeometryFactory Metres = new();

    private readonly List<RoadDraft> _drafts = [];

    public RoadNetwork Build(Polygon boundary, LineString river)
    {
        var c = layout.Centre;
        var innerRing = Sketch.Blob(c, layout.InnerRingRadius, 0.08, 24, random);
        var outerRing = Sketch.Blob(c, layout.OuterRingRadius, 0.07, 48, random);
        var urbanEdge = Sketch.Blob(c, layout.UrbanRadius, 0.12, 60, random);
        var centreArea = ToPolygon(innerRing);
        var outerArea = ToPolygon(outerRing);
        var urbanArea = ToPolygon(urbanEdge);
        var townAreas = layout.Towns.Select(t => ToPolygon(Sketch.Blob(t.Centre, t.Radius, 0.15, 28, random))).ToList();

        AddRing(innerRing, ["Abbey Way", "Castle Way", "Friars Way", "Priory Way"], RoadClass.Primary, 30);
        AddRing(outerRing, ["Northern Way", "Eastern Boulevard", "Southern Boulevard", "Meadow Way", "Western Boulevard", "Charnwood Way"], RoadClass.Trunk, 40);

        var outerClip = new AreaClipper(outerArea);
        var urbanClip = new AreaClipper(urbanArea);
        var townClips = townAreas.Select(a => new AreaClipper(a)).ToList();
        var radialPaths = new List<List<Vec2>>();
        foreach (var radial in layout.Radials)
        {
            var bearing = (radial.Target - c).Bearing;
            var start = innerRing.Take(innerRing.Count - 1).MinBy(p => AngleBetween((p - c).Bearing, bearing));
            var length = Vec2.Distance(start, radial.Target);
            var path = Sketch.Path(start, radial.Target, 150, 0.04 * length, 30, random);
            radialPaths.Add(path);
            AddRadial(path, radial, outerClip, urbanClip, radial.Town is int town ? townClips[town] : null);
        }

        foreach (var link in layout.Links)
        {
            var from = layout.Towns[link.From];
            var to = layout.Towns[link.To];
            var path = Sketch.Path(from.Centre, to.Centre, 200, 0.08 * Vec2.Distance(from.Centre, to.Centre), 60, random);
            AddLink(path, link, urbanClip, townClips[link.From], townClips[link.To]);
        }

        AddMotorway();
        AddHamlets(boundary, river);

        var firstStreet = _drafts.Count;
        var districts = Districts(innerRing, outerRing, urbanEdge, radialPaths, centreArea, urbanArea, outerArea);
        AddGrid(centreArea, "centre", layout.CentreSpacing, random.Range(0, 90), GridStyle.Centre);
        foreach (var district in districts)
        {
            var spacing = district.InsideOuterRing ? layout.InnerSpacing : layout.OuterSpacing;
            var bearing = (Centroid(district.Area) - c).Bearing;
            AddGrid(district.Area, district.Name, spacing, bearing + 45 + random.Range(-15, 15), GridStyle.District);
        }

        for (var t = 0; t < layout.Towns.Count; t++)
        {
            AddGrid(townAreas[t], layout.Towns[t].Name, layout.TownSpacing, random.Range(0, 90), GridStyle.Town);
        }

        DropStreetsAlongMainRoads(firstStreet);
        DropCrowdedServiceRoads();
        var drafts = CutAtRiver(river);
        var boundaryClip = new AreaClipper(boundary);
        drafts = [.. drafts.SelectMany(d => boundaryClip.Inside(d.Points).Select(p => d.WithPoints(p)))];
        RoadNoder.Node(drafts);
        return new RoadNetwork(drafts, centreArea, urbanArea, districts, townAreas);
    }

    private static Polygon ToPolygon(List<Vec2> ring) =>
        Metres.CreatePolygon([.. ring.Select(p => new Coordinate(p.X, p.Y))]);

    private static Vec2 Centroid(NetTopologySuite.Geometries.Geometry area)
    {
        var point = area.Centroid;
        return new Vec2(point.X, point.Y);
    }

    private static double AngleBetween(double a, double b)
    {
        var difference = Math.Abs(a - b) % 360;
        return difference > 180 ? 360 - difference : difference;
    }

    private void Add(string? name, RoadClass roadClass, int mph, List<Vec2> points, bool mayBridge = false, bool joinsMotorway = false) =>
        _drafts.Add(new RoadDraft(name, roadClass, mph, points) { MayBridge = mayBridge, JoinsMotorway = joinsMotorway });

    /// <summary>A ring road in named sections that meet end to end.</summary>
    private void AddRing(List<Vec2> ring, string[] sectionNames, RoadClass roadClass, int mph)
    {
        var vertices = ring.Count - 1;
        for (var s = 0; s < sectionNames.Length; s++)
        {
            var from = s * vertices / sectionNames.Length;
            var to = (s + 1) * vertices / sectionNames.Length;
            Add(sectionNames[s], roadClass, mph, ring.GetRange(from, to - from + 1), mayBridge: true);
        }
    }

    private void AddRadial(List<Vec2> path, RadialPlan radial, AreaClipper outer, AreaClipper urban, AreaClipper? town)
    {
        foreach (var (piece, insideOuter) in outer.Split(path))
        {
            if (insideOuter)
            {
                Add(radial.CityName, RoadClass.Primary, 30, piece, mayBridge: true);
                continue;
            }

            foreach (var (suburban, insideUrban) in urban.Split(piece))
            {
                if (insideUrban)
                {
                    Add(radial.CityName, RoadClass.Primary, 40, suburban, mayBridge: true);
                    continue;
                }

                var parts = town?.Split(suburban) ?? [(suburban, false)];
                foreach (var (part, inTown) in parts)
                {
                    if (inTown)
                    {
                        Add("High Street", RoadClass.Primary, 30, part, mayBridge: true);
                    }
                    else
                    {
                        Add(radial.RuralName, RoadClass.Trunk, 60, part, mayBridge: true, joinsMotorway: true);
                    }
                }
            }
        }
    }

    private void AddLink(List<Vec2> path, LinkPlan link, AreaClipper urban, AreaClipper fromTown, AreaClipper toTown)
    {
        var fromName = layout.Towns[link.From].Name;
        var toName = layout.Towns[link.To].Name;
        foreach (var (piece, inFrom) in fromTown.Split(path))
        {
            if (inFrom)
            {
                Add($"{toName} Road", link.Class, 30, piece, mayBridge: true, joinsMotorway: layout.LinksJoinMotorway);
                continue;
            }

            foreach (var (part, inTo) in toTown.Split(piece))
            {
                foreach (var (rest, inCity) in urban.Split(part))
                {
                    var (name, mph) = inTo ? ($"{fromName} Road", 30) : inCity ? ($"{toName} Road", 30) : (link.Name, link.MaxSpeedMph);
                    Add(name, link.Class, mph, rest, mayBridge: true, joinsMotorway: layout.LinksJoinMotorway);
                }
            }
        }
    }

    /// <summary>The motorway passes west of the city, north to south, beyond the force boundary both ways.</summary>
    private void AddMotorway()
    {
        var c = layout.Centre;
        var reach = (layout.BoundaryRadius * 1.6) + 4_000;
        var phase = random.Range(0, 2 * Math.PI);
        var points = new List<Vec2>();
        for (var north = -reach; north <= reach; north += 250)
        {
            var east = layout.MotorwayOffset - (0.1 * north) + (300 * Math.Sin((north / 4_000) + phase));
            points.Add(c + new Vec2(east, north));
        }

        _drafts.Add(new RoadDraft("M1", RoadClass.Motorway, 70, points) { GradeSeparated = true });
    }

    /// <summary>
    /// Villages in the country between the towns: a main street and a lane out to the nearest
    /// A- or B-road, so the country reads like country rather than empty fields.
    /// </summary>
    private void AddHamlets(Polygon boundary, LineString river)
    {
        var c = layout.Centre;
        var country = _drafts.Where(d => !d.GradeSeparated && d.MaxSpeedMph >= 40).ToList();
        var placed = new List<Vec2>();
        var inner = boundary.Buffer(-1_000);
        for (var attempt = 0; placed.Count < layout.Hamlets && attempt < 5_000; attempt++)
        {
            var at = c + (Vec2.FromBearing(random.Range(0, 360)) * random.Range(layout.UrbanRadius + 1_500, layout.BoundaryRadius * 1.1));
            var point = Metres.CreatePoint(new Coordinate(at.X, at.Y));
            var clear = inner.Contains(point)
                && river.Distance(point) > 800
                && layout.Towns.All(t => Vec2.Distance(t.Centre, at) > t.Radius + 1_800)
                && placed.All(p => Vec2.Distance(p, at) > 3_000)
                && Math.Abs(at.X - (c.X + layout.MotorwayOffset - (0.1 * (at.Y - c.Y)))) > 1_200;
            if (!clear)
            {
                continue;
            }

            var vertex = country.SelectMany(d => d.Points).MinBy(p => Vec2.Distance(p, at));
            if (Vec2.Distance(vertex, at) is < 600 or > 3_500)
            {
                continue;
            }

            placed.Add(at);
            var name = names.Place();
            var lane = Sketch.Path(vertex, at, 150, 0.1 * Vec2.Distance(vertex, at), 20, random);
            Add($"{name} Lane", RoadClass.Unclassified, 40, lane);
            var across = (at - vertex).Normalized().Left * random.Range(150, 250);
            Add("Main Street", RoadClass.Residential, 30, Sketch.Path(at - across, at + across, 60, 15, 3, random));
        }
    }

    /// <summary>The city's districts: the faces the rings and arterials cut the urban area into.</summary>
    private List<District> Districts(
        List<Vec2> innerRing, List<Vec2> outerRing, List<Vec2> urbanEdge, List<List<Vec2>> radials,
        Polygon centreArea, Polygon urbanArea, Polygon outerArea)
    {
        LineString Line(List<Vec2> points) => Metres.CreateLineString([.. points.Select(p => new Coordinate(p.X, p.Y))]);
        var lines = new List<LineString> { Line(innerRing), Line(outerRing), Line(urbanEdge) };
        lines.AddRange(radials.Select(Line));
        var noded = UnaryUnionOp.Union((NetTopologySuite.Geometries.Geometry)Metres.CreateMultiLineString([.. lines]));
        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var faces = polygonizer.GetPolygons().Cast<Polygon>()
            .Where(face => face.Area > 150_000)
            .Select(face => (Face: face, Inside: face.InteriorPoint))
            .Where(f => urbanArea.Contains(f.Inside) && !centreArea.Contains(f.Inside))
            .OrderBy(f => Math.Round((new Vec2(f.Inside.X, f.Inside.Y) - layout.Centre).Bearing, 3))
            .ThenBy(f => f.Face.Area)
            .ToList();
        return [.. faces.Select(f => new District(names.District(), f.Face, outerArea.Contains(f.Inside)))];
    }

    private enum GridStyle
    {
        Centre,
        District,
        Town,
    }

    /// <summary>
    /// A grid-ish street pattern clipped to <paramref name="area"/>: two families of gently
    /// wavering parallel streets, some left out, some stopping short (closes), with the odd
    /// service road. In the centre every other street is one-way, alternating in direction.
    /// </summary>
    private void AddGrid(Polygon area, string scope, double spacing, double bearing, GridStyle style)
    {
        var clip = new AreaClipper(area);
        var origin = Centroid(area);
        var twentyZone = style == GridStyle.District && random.Chance(0.3);
        for (var family = 0; family < 2; family++)
        {
            var along = Vec2.FromBearing(bearing + (family * 90));
            var across = along.Left;
            var (minAlong, maxAlong, minAcross, maxAcross) = Extent(area, origin, along, across);
            var count = (int)Math.Ceiling((maxAcross - minAcross) / spacing);
            for (var k = 0; k < count; k++)
            {
                var offset = minAcross + (spacing * (k + 0.5)) + random.Range(-0.15, 0.15) * spacing;
                var wobble = style == GridStyle.Centre ? 2.0 : 6.0;
                var phase = random.Range(0, 2 * Math.PI);
                var wavelength = random.Range(300, 700);
                var skip = style != GridStyle.Centre && random.Chance(0.08);
                if (skip)
                {
                    continue;
                }

                var points = new List<Vec2>();
                for (var s = minAlong - 20; ; s += 80)
                {
                    var sideways = offset + (wobble * Math.Sin((2 * Math.PI * s / wavelength) + phase));
                    points.Add(origin + (along * Math.Min(s, maxAlong + 20)) + (across * sideways));
                    if (s >= maxAlong + 20)
                    {
                        break;
                    }
                }

                AddStreet(clip.Inside(points), scope, style, k, twentyZone);
            }
        }
    }

    private void AddStreet(List<List<Vec2>> pieces, string scope, GridStyle style, int k, bool twentyZone)
    {
        if (pieces.Count == 0)
        {
            return;
        }

        if (style == GridStyle.Centre)
        {
            var name = names.Street(scope, centre: true);
            var oneWay = k % 2 == 1;
            var living = !oneWay && k % 3 != 0 && random.Chance(0.15);
            foreach (var piece in pieces)
            {
                if ((k / 2) % 2 == 1)
                {
                    piece.Reverse();
                }

                var roadClass = living ? RoadClass.LivingStreet : k % 3 == 0 ? RoadClass.Tertiary : RoadClass.Unclassified;
                _drafts.Add(new RoadDraft(name, roadClass, living ? 10 : 20, piece) { OneWay = oneWay });
            }

            return;
        }

        var distributor = k % 6 == 3;
        var streetName = names.Street(scope);
        foreach (var piece in pieces)
        {
            if (distributor)
            {
                Add(streetName, RoadClass.Tertiary, 30, piece);
                continue;
            }

            if (random.Chance(0.03))
            {
                Add(streetName, RoadClass.LivingStreet, 10, piece);
                continue;
            }

            var mph = twentyZone ? 20 : 30;
            if (random.Chance(0.1) && Sketch.Length(piece) > 250)
            {
                // A close: the street stops short of where the grid would take it.
                Add(names.Close(scope), RoadClass.Residential, mph, Sketch.Prefix(piece, random.Range(0.3, 0.7)));
                continue;
            }

            Add(streetName, RoadClass.Residential, mph, piece);
            if (piece.Count >= 3 && random.Chance(0.15))
            {
                // A service road into a yard or car park, leaving the street at one of its vertices.
                var at = piece.Count / 2;
                var direction = (piece[at + 1] - piece[at - 1]).Normalized().Left * (random.Chance(0.5) ? 1 : -1);
                Add(null, RoadClass.Service, 10, [piece[at], piece[at] + (direction * random.Range(40, 90))]);
            }
        }
    }

    private static (double MinAlong, double MaxAlong, double MinAcross, double MaxAcross) Extent(
        Polygon area, Vec2 origin, Vec2 along, Vec2 across)
    {
        double minAlong = double.MaxValue, maxAlong = double.MinValue, minAcross = double.MaxValue, maxAcross = double.MinValue;
        foreach (var coordinate in area.ExteriorRing.Coordinates)
        {
            var p = new Vec2(coordinate.X, coordinate.Y) - origin;
            var a = Vec2.Dot(p, along);
            var b = Vec2.Dot(p, across);
            minAlong = Math.Min(minAlong, a);
            maxAlong = Math.Max(maxAlong, a);
            minAcross = Math.Min(minAcross, b);
            maxAcross = Math.Max(maxAcross, b);
        }

        return (minAlong, maxAlong, minAcross, maxAcross);
    }

    /// <summary>
    /// A grid street that happens to run alongside a main road (a town's streets beside the
    /// B-road through it) would make two roads side by side a few metres apart, crossing and
    /// recrossing: it is left out. Streets that cross main roads, even at an angle, stay.
    /// </summary>
    private void DropStreetsAlongMainRoads(int firstStreet)
    {
        var index = new NetTopologySuite.Index.Strtree.STRtree<(Vec2 A, Vec2 B)>();
        for (var d = 0; d < firstStreet; d++)
        {
            var points = _drafts[d].Points;
            for (var i = 1; i < points.Count; i++)
            {
                index.Insert(new Envelope(points[i - 1].X, points[i].X, points[i - 1].Y, points[i].Y), (points[i - 1], points[i]));
            }
        }

        index.Build();
        const double Near = 8;
        var streets = _drafts.GetRange(firstStreet, _drafts.Count - firstStreet);
        _drafts.RemoveRange(firstStreet, streets.Count);
        foreach (var street in streets)
        {
            var alongside = 0;
            var length = Sketch.Length(street.Points);
            for (var at = 0.0; at <= length; at += 10)
            {
                var sample = Sketch.Along(street.Points, length == 0 ? 0 : at / length);
                var box = new Envelope(sample.X - Near, sample.X + Near, sample.Y - Near, sample.Y + Near);
                alongside += index.Query(box).Any(s => Segments.Nearest(s.A, s.B, sample).Distance < Near) ? 1 : 0;
            }

            if (alongside <= 6)
            {
                _drafts.Add(street);
            }
        }
    }

    /// <summary>
    /// A service road drawn square off its street can land on top of a street of the other
    /// family; one whose middle is within a few metres of another road is left out.
    /// </summary>
    private void DropCrowdedServiceRoads()
    {
        var index = new NetTopologySuite.Index.Strtree.STRtree<(Vec2 A, Vec2 B, RoadDraft Road)>();
        foreach (var draft in _drafts)
        {
            for (var i = 1; i < draft.Points.Count; i++)
            {
                var (a, b) = (draft.Points[i - 1], draft.Points[i]);
                index.Insert(new Envelope(a.X, b.X, a.Y, b.Y), (a, b, draft));
            }
        }

        index.Build();
        _drafts.RemoveAll(draft =>
        {
            if (draft.Class != RoadClass.Service)
            {
                return false;
            }

            var middle = Sketch.Along(draft.Points, 0.5);
            var near = new Envelope(middle.X - 5, middle.X + 5, middle.Y - 5, middle.Y + 5);
            return index.Query(near).Any(s => !ReferenceEquals(s.Road, draft) && Segments.Nearest(s.A, s.B, middle).Distance < 5);
        });
    }

    /// <summary>
    /// Roads are cut where they meet the river, leaving dead ends on both banks, except roads that
    /// may bridge it: their stretch over the water becomes a bridge joined to both banks.
    /// </summary>
    private List<RoadDraft> CutAtRiver(LineString river)
    {
        var corridor = new AreaClipper(river.Buffer(20));
        var result = new List<RoadDraft>(_drafts.Count);
        foreach (var draft in _drafts)
        {
            foreach (var (piece, wet) in corridor.Split(draft.Points))
            {
                if (!wet)
                {
                    result.Add(draft.WithPoints(piece));
                }
                else if (draft.MayBridge)
                {
                    result.Add(draft.WithPoints(piece, names.Bridge(), isBridge: true));
                }
            }
        }

        return result;
    }
}
