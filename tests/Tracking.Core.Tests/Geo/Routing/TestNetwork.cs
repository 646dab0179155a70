using NetTopologySuite.Geometries;
using Tracking.Core.Geo;
using Tracking.Core.Geo.Maps;
using Tracking.Core.Geo.Routing;

namespace Tracking.Core.Tests.Geo.Routing;

/// <summary>
/// Hand-built road networks for tests, drawn in metres around Leicester (52.63 N, 1.13 W) in a
/// local transverse Mercator and stored in lon/lat as a map would be. A named point is unprojected
/// once, so roads that share it share exactly the same lon/lat (a junction).
/// </summary>
internal sealed class TestNetwork
{
    public static readonly MapProjection Projection = MapProjection.Local(-1.13, 52.63);

    private static readonly GeometryFactory Factory = new();
    private readonly Dictionary<(double X, double Y), Coordinate> _points = [];
    private readonly List<Road> _roads = [];

    public IReadOnlyList<Road> Roads => _roads;

    /// <summary>A road through points given as metres east/north of the centre.</summary>
    public TestNetwork Road(string id, double speed, bool oneWay, params (double X, double Y)[] points)
    {
        var coordinates = points.Select(Point).ToArray();
        _roads.Add(new Road(id, id, RoadClass.Residential, speed, oneWay, Factory.CreateLineString(coordinates)));
        return this;
    }

    public RoadGraph Build() => RoadGraph.Build(_roads, Projection);

    private Coordinate Point((double X, double Y) metres)
    {
        if (!_points.TryGetValue(metres, out var coordinate))
        {
            var (lon, lat) = Projection.Unproject(metres.X, metres.Y);
            coordinate = new Coordinate(lon, lat);
            _points.Add(metres, coordinate);
        }

        return coordinate;
    }
}
