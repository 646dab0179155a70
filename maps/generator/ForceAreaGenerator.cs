using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;
using Tracking.MapGenerator.Areas;
using Tracking.MapGenerator.Drawing;
using Tracking.MapGenerator.Layout;
using Tracking.MapGenerator.Roads;

namespace Tracking.MapGenerator;

/// <summary>
/// Generates a force area that reads like a real one, placed at Leicester: a city with a centre,
/// ring roads, arterials and districts; outlying towns joined by A- and B-roads; a motorway to the
/// west; a river with few bridges; micro-beats tiling the area; stations; priority locations.
/// Drawn in British National Grid metres, then unprojected to lon/lat and rounded to 7 decimals
/// once, so roads that meet share exactly the same vertex.
/// </summary>
/// <remarks>
/// Deterministic: the same options give the same map, to the byte once written. Thread-safe:
/// every call works on its own state.
/// </remarks>
public static class ForceAreaGenerator
{
    /// <summary>The demo area's name, as <c>map.json</c> gives it.</summary>
    public const string DemoName = "Leicester (demo force area)";

    /// <summary>The county-scale area's name.</summary>
    public const string CountyName = "Leicestershire (county-scale benchmark area)";

    private const double MetresPerSecondPerMph = 0.44704;

    /// <summary>The river's name.</summary>
    private const string RiverName = "River Soar";

    /// <summary>The force map for <paramref name="options"/>.</summary>
    public static ForceMap Generate(ForceAreaOptions options) => GenerateArea(options).Map;

    /// <summary>The force map for <paramref name="options"/>, with its water, boundary and bridges.</summary>
    public static GeneratedForceArea GenerateArea(ForceAreaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new SeededRandom(options.Seed);
        var names = new NameBook(random);
        var layout = options.Scale == ForceAreaScale.County ? AreaLayout.County(random, names) : AreaLayout.Demo();
        var river = River(layout, random);
        var (boundary, sites) = BeatTiler.Tile(layout, random);
        var network = new RoadNetworkBuilder(layout, random, names).Build(boundary, river);

        var projection = MapProjection.BritishNationalGrid;
        var rounder = new LonLatRounder(projection);
        var roads = new List<Road>();
        var bridges = new List<string>();
        foreach (var (draft, line) in RoadFinisher.Finish(network.Drafts, rounder))
        {
            var id = FormattableString.Invariant($"R{roads.Count + 1:D5}");
            roads.Add(new Road(id, draft.Name, draft.Class, draft.MaxSpeedMph * MetresPerSecondPerMph, draft.OneWay, LonLatRounder.Factory.CreateLineString(line)));
            if (draft.IsBridge)
            {
                bridges.Add(id);
            }
        }

        var zones = Zones(layout, network);
        var stations = Stations(layout, network, zones);
        var beats = Beats(layout, sites, zones, stations, rounder);
        var locations = Locations(layout, network, zones, sites, beats, boundary, river, random, names, rounder);
        var water = Water(river, boundary, rounder);

        var map = new ForceMap(
            options.Scale == ForceAreaScale.County ? CountyName : DemoName,
            projection,
            beats,
            locations,
            [.. stations.Select(s => new Station(s.Id, s.Name, LonLatRounder.Factory.CreatePoint(rounder.Round(s.At))))],
            roads);
        return new GeneratedForceArea(map, water, rounder.Round(boundary), bridges);
    }

    /// <summary>The river's centre line: north to south just west of the centre, meandering, beyond the area both ways.</summary>
    private static LineString River(AreaLayout layout, SeededRandom random)
    {
        var reach = (layout.BoundaryRadius * 1.6) + 6_000;
        var long1 = random.Range(0, 2 * Math.PI);
        var short1 = random.Range(0, 2 * Math.PI);
        var points = new List<Coordinate>();
        for (var north = reach; north >= -reach; north -= 100)
        {
            var east = layout.RiverOffset + (350 * Math.Sin((2 * Math.PI * north / 5_200) + long1)) + (150 * Math.Sin((2 * Math.PI * north / 1_900) + short1));
            points.Add(new Coordinate(layout.Centre.X + east, layout.Centre.Y + north));
        }

        return new GeometryFactory().CreateLineString([.. points]);
    }

    private static List<Zone> Zones(AreaLayout layout, RoadNetwork network)
    {
        var zones = new List<Zone> { new("Leicester Central", network.CentreArea, ZoneKind.Centre) };
        zones.AddRange(network.Districts.Select(d => new Zone(d.Name, d.Area, ZoneKind.District)));
        zones.AddRange(layout.Towns.Select((t, i) => new Zone(t.Name, network.TownAreas[i], ZoneKind.Town)));
        return zones;
    }

    private sealed record StationPlan(string Id, string Name, Vec2 At);

    /// <summary>Headquarters in the centre, two stations in city districts, one in each larger town.</summary>
    private static List<StationPlan> Stations(AreaLayout layout, RoadNetwork network, List<Zone> zones)
    {
        var stations = new List<StationPlan>();
        void Add(string name, Vec2 near) =>
            stations.Add(new StationPlan(FormattableString.Invariant($"S{stations.Count + 1:D2}"), name, BesideStreet(network, near)));

        var c = layout.Centre;
        Add("Leicester Central Police Station", c + new Vec2(120, -80));
        foreach (var bearing in (double[])[20, 265])
        {
            var target = c + (Vec2.FromBearing(bearing) * (layout.OuterRingRadius * 0.7));
            var district = zones.Where(z => z.Kind == ZoneKind.District)
                .MinBy(z => z.Area.Distance(new GeometryFactory().CreatePoint(new Coordinate(target.X, target.Y))));
            if (district is not null)
            {
                var centroid = district.Area.InteriorPoint;
                Add($"{district.Name} Police Station", new Vec2(centroid.X, centroid.Y));
            }
        }

        foreach (var town in layout.Towns.Where(t => t.HasStation))
        {
            Add($"{town.Name} Police Station", town.Centre + new Vec2(60, 40));
        }

        return stations;
    }

    /// <summary>A point a few metres off the nearest local street vertex: a station's front door.</summary>
    private static Vec2 BesideStreet(RoadNetwork network, Vec2 near)
    {
        var best = near;
        var bestDistance = double.MaxValue;
        foreach (var road in network.Drafts)
        {
            if (road.Class is RoadClass.Motorway or RoadClass.Trunk || road.IsBridge)
            {
                continue;
            }

            foreach (var point in road.Points)
            {
                var distance = Vec2.Distance(point, near);
                if (distance < bestDistance)
                {
                    best = point;
                    bestDistance = distance;
                }
            }
        }

        return best + new Vec2(8, 6);
    }

    /// <summary>
    /// Names each beat after the zone its seed lies in ("Leicester Central 03", "Wigston 02"), or
    /// after the nearest town for country beats ("Syston Rural 01"); the team is the zone's, the
    /// station the one nearest the team's patch.
    /// </summary>
    private static List<Beat> Beats(AreaLayout layout, List<BeatSite> sites, List<Zone> zones, List<StationPlan> stations, LonLatRounder rounder)
    {
        var locators = zones.Select(z => new IndexedPointInAreaLocator(z.Area)).ToList();
        var named = new List<(BeatSite Site, string Base, string Team, Vec2 Anchor)>();
        foreach (var site in sites)
        {
            var coordinate = new Coordinate(site.Site.X, site.Site.Y);
            var zone = Enumerable.Range(0, zones.Count).FirstOrDefault(z => locators[z].Locate(coordinate) != Location.Exterior, -1);
            if (zone < 0 && Vec2.Distance(site.Site, layout.Centre) < layout.UrbanRadius * 1.2)
            {
                // Between the urban edge and the city's seeds: the nearest district's.
                zone = Enumerable.Range(0, zones.Count).Where(z => zones[z].Kind != ZoneKind.Town)
                    .MinBy(z => zones[z].Area.Distance(new GeometryFactory().CreatePoint(coordinate)));
            }

            if (zone < 0)
            {
                var town = Enumerable.Range(0, layout.Towns.Count).MinBy(t => Vec2.Distance(layout.Towns[t].Centre, site.Site));
                var townZone = zones.First(z => z.Kind == ZoneKind.Town && z.Name == layout.Towns[town].Name);
                var close = Vec2.Distance(layout.Towns[town].Centre, site.Site) < layout.Towns[town].Radius * 1.4;
                named.Add((site, close ? townZone.Name : $"{townZone.Name} Rural", townZone.Name, layout.Towns[town].Centre));
                continue;
            }

            var anchor = zones[zone].Area.InteriorPoint;
            named.Add((site, zones[zone].Name, zones[zone].Name, new Vec2(anchor.X, anchor.Y)));
        }

        var teamStation = named.GroupBy(n => n.Team).ToDictionary(
            g => g.Key,
            g => stations.MinBy(s => Vec2.Distance(s.At, g.First().Anchor))!.Id);
        var beats = new List<Beat>();
        foreach (var group in named.GroupBy(n => n.Base).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var number = 0;
            foreach (var (site, baseName, team, _) in group.OrderByDescending(n => n.Site.Site.Y).ThenBy(n => n.Site.Site.X))
            {
                number++;
                var id = FormattableString.Invariant($"B{beats.Count + 1:D3}");
                var name = FormattableString.Invariant($"{baseName} {number:D2}");
                beats.Add(new Beat(id, name, rounder.Round(site.Cell), team, teamStation[team]));
            }
        }

        // Keep the cells in the same order as the beats, for the locations that look their beat up.
        var order = named.GroupBy(n => n.Base).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderByDescending(n => n.Site.Site.Y).ThenBy(n => n.Site.Site.X)).Select(n => n.Site).ToList();
        sites.Clear();
        sites.AddRange(order);
        return beats;
    }

    private static List<PriorityLocation> Locations(
        AreaLayout layout, RoadNetwork network, List<Zone> zones, List<BeatSite> sites, List<Beat> beats, Polygon boundary,
        LineString river, SeededRandom random, NameBook names, LonLatRounder rounder)
    {
        var cells = sites.Select(s => (Cell: s.Cell, Locator: new IndexedPointInAreaLocator(s.Cell))).ToList();
        int? BeatOf(Vec2 point)
        {
            var coordinate = new Coordinate(point.X, point.Y);
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells[i].Locator.Locate(coordinate) == Location.Interior)
                {
                    // Well inside: lon/lat rounding and centroids taken in degrees cannot move it out.
                    return cells[i].Cell.ExteriorRing.Distance(new GeometryFactory().CreatePoint(coordinate)) >= 5 ? i : null;
                }
            }

            return null;
        }

        var allowed = boundary.Difference(river.Buffer(20));
        var planned = new LocationBuilder(random, names, network.Drafts, allowed, BeatOf).Build(zones, layout.LocationCount);
        var locations = new List<PriorityLocation>();
        foreach (var (location, beat) in planned)
        {
            var id = FormattableString.Invariant($"L{locations.Count + 1:D3}");
            var shape = location.Shape is Point point
                ? (NetTopologySuite.Geometries.Geometry)LonLatRounder.Factory.CreatePoint(rounder.Round(new Vec2(point.X, point.Y)))
                : rounder.RoundArea(location.Shape);
            locations.Add(new PriorityLocation(
                id, location.Name, shape, location.Radius, new PresenceTargets(location.VisitsPerDay, location.MinutesPerDay),
                DateTimeOffset.MinValue, null, beats[beat].Id));
        }

        return locations;
    }

    private static List<WaterFeature> Water(LineString river, Polygon boundary, LonLatRounder rounder)
    {
        var water = new List<WaterFeature>();
        var surface = river.Buffer(15).Intersection(boundary);
        for (var i = 0; i < surface.NumGeometries; i++)
        {
            if (surface.GetGeometryN(i) is Polygon polygon)
            {
                water.Add(new WaterFeature(RiverName, rounder.Round(polygon)));
            }
        }

        var line = river.Intersection(boundary);
        for (var i = 0; i < line.NumGeometries; i++)
        {
            if (line.GetGeometryN(i) is LineString part)
            {
                var points = part.Coordinates.Select(c => new Vec2(c.X, c.Y));
                water.Add(new WaterFeature(RiverName, LonLatRounder.Factory.CreateLineString(rounder.Round(points))));
            }
        }

        return water;
    }
}
