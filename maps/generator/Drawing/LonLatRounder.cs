using NetTopologySuite.Geometries;
using Tracking.Core.Geo;

namespace Tracking.MapGenerator.Drawing;

/// <summary>
/// Metres to WGS84 lon/lat, rounded to 7 decimals (about 1 cm), each point once: the same metre
/// point, or two points that round alike, always come back as the same <see cref="Coordinate"/>
/// instance, so roads that share a vertex in metres share it exactly in the files. Not thread-safe.
/// </summary>
internal sealed class LonLatRounder(MapProjection projection)
{
    public const int Decimals = 7;

    private readonly Dictionary<Vec2, Coordinate> _byMetres = [];
    private readonly Dictionary<(double, double), Coordinate> _byLonLat = [];

    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    public Coordinate Round(Vec2 metres)
    {
        if (_byMetres.TryGetValue(metres, out var known))
        {
            return known;
        }

        var (longitude, latitude) = projection.Unproject(metres.X, metres.Y);
        var key = (Math.Round(longitude, Decimals), Math.Round(latitude, Decimals));
        if (!_byLonLat.TryGetValue(key, out var coordinate))
        {
            coordinate = new Coordinate(key.Item1, key.Item2);
            _byLonLat[key] = coordinate;
        }

        _byMetres[metres] = coordinate;
        return coordinate;
    }

    /// <summary>A ring or line in lon/lat, without the repeats rounding can make.</summary>
    public Coordinate[] Round(IEnumerable<Vec2> points)
    {
        var result = new List<Coordinate>();
        foreach (var point in points)
        {
            var coordinate = Round(point);
            if (result.Count == 0 || !ReferenceEquals(result[^1], coordinate))
            {
                result.Add(coordinate);
            }
        }

        return [.. result];
    }

    /// <summary>A polygon in metres as a lon/lat polygon, shell counter-clockwise and holes clockwise (RFC 7946).</summary>
    public Polygon Round(Polygon metres)
    {
        var shell = RoundRing(metres.ExteriorRing, counterClockwise: true);
        var holes = metres.InteriorRings.Select(hole => RoundRing(hole, counterClockwise: false)).ToArray();
        return Factory.CreatePolygon(shell, holes);
    }

    /// <summary>Polygon or MultiPolygon in metres to lon/lat.</summary>
    public NetTopologySuite.Geometries.Geometry RoundArea(NetTopologySuite.Geometries.Geometry metres) => metres switch
    {
        Polygon polygon => Round(polygon),
        MultiPolygon multi => Factory.CreateMultiPolygon(
            [.. Enumerable.Range(0, multi.NumGeometries).Select(i => Round((Polygon)multi.GetGeometryN(i)))]),
        _ => throw new ArgumentException($"Expected an area, got {metres.GeometryType}.", nameof(metres)),
    };

    private LinearRing RoundRing(LineString ring, bool counterClockwise)
    {
        var coordinates = Round(ring.Coordinates.Select(c => new Vec2(c.X, c.Y)));
        if (!ReferenceEquals(coordinates[0], coordinates[^1]))
        {
            coordinates = [.. coordinates, coordinates[0]];
        }

        if (NetTopologySuite.Algorithm.Orientation.IsCCW(coordinates) != counterClockwise)
        {
            Array.Reverse(coordinates);
        }

        return Factory.CreateLinearRing(coordinates);
    }
}
