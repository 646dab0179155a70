using Tracking.Core.Geo.Maps;

namespace Tracking.Core.Geo.Routing;

/// <summary>
/// Turns roads (lon/lat lines) into <see cref="RoadGraphArrays"/>: two passes, the first counts
/// how often each exact lon/lat vertex occurs (a vertex used twice is a junction), the second
/// cuts every road at its junctions into edges.
/// </summary>
internal static class RoadGraphBuilder
{
    public static RoadGraphArrays Build(IReadOnlyList<Road> roads, MapProjection projection)
    {
        // Pass 1: a vertex is a node when it is a road's end or occurs more than once. End points
        // count twice so that a lone end point still qualifies.
        var uses = new Dictionary<(double Lon, double Lat), int>();
        var vertices = new List<(double Lon, double Lat)>();
        for (var r = 0; r < roads.Count; r++)
        {
            var road = roads[r] ?? throw new ArgumentException($"Road {r} is null.", nameof(roads));
            if (!double.IsFinite(road.SpeedMetresPerSecond) || road.SpeedMetresPerSecond <= 0)
            {
                throw new ArgumentException(
                    $"Road '{road.Id}' has speed {road.SpeedMetresPerSecond} m/s: every road needs a positive speed.", nameof(roads));
            }

            Vertices(road, vertices);
            for (var i = 0; i < vertices.Count; i++)
            {
                var key = vertices[i];
                var weight = i == 0 || i == vertices.Count - 1 ? 2 : 1;
                uses[key] = uses.GetValueOrDefault(key) + weight;
            }
        }

        var nodeIds = new Dictionary<(double Lon, double Lat), int>();
        var nodeX = new List<double>();
        var nodeY = new List<double>();
        var edgeFrom = new List<int>();
        var edgeTo = new List<int>();
        var edgeLength = new List<double>();
        var edgeTime = new List<double>();
        var edgeReverse = new List<int>();
        var edgeRoad = new List<int>();
        var shapeStart = new List<int> { 0 };
        var shapeX = new List<double>();
        var shapeY = new List<double>();
        var shapeAlong = new List<double>();
        var pieceX = new List<double>();
        var pieceY = new List<double>();

        int NodeOf((double Lon, double Lat) key, double x, double y)
        {
            if (!nodeIds.TryGetValue(key, out var id))
            {
                id = nodeX.Count;
                nodeIds.Add(key, id);
                nodeX.Add(x);
                nodeY.Add(y);
            }

            return id;
        }

        // Pass 2: walk each road, closing a piece at every node.
        for (var r = 0; r < roads.Count; r++)
        {
            var road = roads[r];
            Vertices(road, vertices);
            if (vertices.Count < 2)
            {
                continue;
            }

            pieceX.Clear();
            pieceY.Clear();
            var pieceFrom = -1;
            foreach (var key in vertices)
            {
                var (x, y) = projection.Project(key.Item1, key.Item2);
                pieceX.Add(x);
                pieceY.Add(y);
                if (uses[key] < 2)
                {
                    continue;
                }

                var node = NodeOf(key, x, y);
                if (pieceFrom >= 0)
                {
                    AddPiece(r, road, pieceFrom, node);
                }

                pieceFrom = node;
                pieceX.Clear();
                pieceY.Clear();
                pieceX.Add(x);
                pieceY.Add(y);
            }
        }

        void AddPiece(int roadIndex, Road road, int from, int to)
        {
            var start = shapeX.Count;
            var along = 0.0;
            for (var i = 0; i < pieceX.Count; i++)
            {
                if (i > 0)
                {
                    along += Math.Sqrt(Square(pieceX[i] - pieceX[i - 1]) + Square(pieceY[i] - pieceY[i - 1]));
                }

                shapeX.Add(pieceX[i]);
                shapeY.Add(pieceY[i]);
                shapeAlong.Add(along);
            }

            if (along <= 0)
            {
                // Distinct lon/lat that project onto one point: nothing to drive.
                shapeX.RemoveRange(start, pieceX.Count);
                shapeY.RemoveRange(start, pieceX.Count);
                shapeAlong.RemoveRange(start, pieceX.Count);
                return;
            }

            var time = along / road.SpeedMetresPerSecond;
            var forward = edgeFrom.Count;
            edgeFrom.Add(from);
            edgeTo.Add(to);
            edgeLength.Add(along);
            edgeTime.Add(time);
            edgeRoad.Add(roadIndex);
            edgeReverse.Add(road.OneWay ? -1 : forward + 1);
            shapeStart.Add(shapeX.Count);
            if (!road.OneWay)
            {
                edgeFrom.Add(to);
                edgeTo.Add(from);
                edgeLength.Add(along);
                edgeTime.Add(time);
                edgeRoad.Add(roadIndex);
                edgeReverse.Add(forward);
                shapeStart.Add(shapeX.Count); // the reverse edge has no shape of its own
            }
        }

        return new RoadGraphArrays(
            [.. nodeX], [.. nodeY],
            [.. edgeFrom], [.. edgeTo], [.. edgeLength], [.. edgeTime], [.. edgeReverse], [.. edgeRoad],
            [.. shapeStart], [.. shapeX], [.. shapeY], [.. shapeAlong]);
    }

    /// <summary>The road's vertices with consecutive repeats dropped (a repeat is not a second use of a vertex).</summary>
    private static void Vertices(Road road, List<(double Lon, double Lat)> vertices)
    {
        vertices.Clear();
        var line = road.Line.CoordinateSequence;
        for (var i = 0; i < line.Count; i++)
        {
            var key = (line.GetX(i), line.GetY(i));
            if (vertices.Count == 0 || vertices[^1] != key)
            {
                vertices.Add(key);
            }
        }
    }

    private static double Square(double value) => value * value;
}
