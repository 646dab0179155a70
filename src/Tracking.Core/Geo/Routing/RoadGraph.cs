using Tracking.Core.Geo.Maps;

namespace Tracking.Core.Geo.Routing;

/// <summary>
/// The road network as a directed graph in projected metres, for travel times. Nodes are the
/// road end points and every vertex that two or more roads share (exactly the same lon/lat);
/// a directed edge runs between consecutive nodes along a road, keeping the shape between them,
/// its length (metres) and its travel time (length ÷ the road's speed, seconds). A two-way road
/// gives an edge each way; a one-way road only the drawn direction (first point to last).
/// </summary>
/// <remarks>
/// Stored as compact arrays: edges by index, and each node's outgoing and incoming edges in
/// compressed rows (CSR), so a search touches no objects. Immutable once built: every member is
/// safe to call from many threads at once. Coordinates are x = metres east, y = metres north.
/// </remarks>
public sealed class RoadGraph
{
    private readonly double[] _nodeX;
    private readonly double[] _nodeY;

    // Edges by index.
    private readonly int[] _edgeFrom;
    private readonly int[] _edgeTo;
    private readonly double[] _edgeLength;
    private readonly double[] _edgeTime;
    private readonly int[] _edgeReverse;
    private readonly int[] _edgeRoad;

    // Shapes of the edges in drawn direction: edge e (a drawn-direction edge) owns points
    // _shapeStart[e] .. _shapeStart[e + 1] - 1; a reverse edge has no shape of its own.
    private readonly int[] _shapeStart;
    private readonly double[] _shapeX;
    private readonly double[] _shapeY;
    private readonly double[] _shapeAlong;

    private readonly int[] _outStart;
    private readonly int[] _outEdges;
    private readonly int[] _inStart;
    private readonly int[] _inEdges;

    private readonly SegmentGrid _segments;

    internal RoadGraph(MapProjection projection, IReadOnlyList<Road> roads, RoadGraphArrays arrays)
    {
        Projection = projection;
        Roads = roads;
        _nodeX = arrays.NodeX;
        _nodeY = arrays.NodeY;
        _edgeFrom = arrays.EdgeFrom;
        _edgeTo = arrays.EdgeTo;
        _edgeLength = arrays.EdgeLength;
        _edgeTime = arrays.EdgeTime;
        _edgeReverse = arrays.EdgeReverse;
        _edgeRoad = arrays.EdgeRoad;
        _shapeStart = arrays.ShapeStart;
        _shapeX = arrays.ShapeX;
        _shapeY = arrays.ShapeY;
        _shapeAlong = arrays.ShapeAlong;
        (_outStart, _outEdges) = Rows(_nodeX.Length, _edgeFrom);
        (_inStart, _inEdges) = Rows(_nodeX.Length, _edgeTo);
        _segments = new SegmentGrid(this);
    }

    /// <summary>The plane the graph is measured in.</summary>
    public MapProjection Projection { get; }

    /// <summary>The roads the graph was built from, indexed by <see cref="RoadOf"/>.</summary>
    public IReadOnlyList<Road> Roads { get; }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _nodeX.Length;

    /// <summary>Number of directed edges.</summary>
    public int EdgeCount => _edgeFrom.Length;

    /// <summary>
    /// Builds the graph of <paramref name="roads"/> (lon/lat) in <paramref name="projection"/>'s
    /// metres. Zero-length pieces (repeated vertices) are dropped.
    /// </summary>
    /// <exception cref="ArgumentException">A road has no usable speed.</exception>
    public static RoadGraph Build(IReadOnlyList<Road> roads, MapProjection projection)
    {
        ArgumentNullException.ThrowIfNull(roads);
        ArgumentNullException.ThrowIfNull(projection);
        return new RoadGraph(projection, roads, RoadGraphBuilder.Build(roads, projection));
    }

    /// <summary>Node position, metres east.</summary>
    public double NodeX(int node) => _nodeX[node];

    /// <summary>Node position, metres north.</summary>
    public double NodeY(int node) => _nodeY[node];

    /// <summary>The node an edge leaves.</summary>
    public int EdgeFrom(int edge) => _edgeFrom[edge];

    /// <summary>The node an edge arrives at.</summary>
    public int EdgeTo(int edge) => _edgeTo[edge];

    /// <summary>Length of an edge's shape, metres.</summary>
    public double EdgeLength(int edge) => _edgeLength[edge];

    /// <summary>Time to drive an edge at its road's speed, seconds.</summary>
    public double EdgeTime(int edge) => _edgeTime[edge];

    /// <summary>The same road piece the other way, or -1 when the road is one-way.</summary>
    public int ReverseOf(int edge) => _edgeReverse[edge];

    /// <summary>Index in <see cref="Roads"/> of the road an edge belongs to.</summary>
    public int RoadOf(int edge) => _edgeRoad[edge];

    /// <summary>Speed along an edge, metres per second.</summary>
    public double EdgeSpeed(int edge) => _edgeLength[edge] / _edgeTime[edge];

    /// <summary>Edges leaving a node.</summary>
    public ReadOnlySpan<int> OutEdges(int node) => _outEdges.AsSpan(_outStart[node], _outStart[node + 1] - _outStart[node]);

    /// <summary>Edges arriving at a node.</summary>
    public ReadOnlySpan<int> InEdges(int node) => _inEdges.AsSpan(_inStart[node], _inStart[node + 1] - _inStart[node]);

    /// <summary>
    /// The closest point on the network to (<paramref name="x"/>, <paramref name="y"/>) (metres),
    /// or null when no road is within <paramref name="maxDistance"/> metres.
    /// </summary>
    public RoadSnap? Snap(double x, double y, double maxDistance = double.PositiveInfinity) =>
        _segments.Nearest(x, y, maxDistance);

    // Shape access for the snapping grid: drawn-direction edges only.
    internal bool HasShape(int edge) => _shapeStart[edge + 1] > _shapeStart[edge];

    internal int ShapeStart(int edge) => _shapeStart[edge];

    internal int ShapeEnd(int edge) => _shapeStart[edge + 1];

    internal double ShapeX(int point) => _shapeX[point];

    internal double ShapeY(int point) => _shapeY[point];

    internal double ShapeAlong(int point) => _shapeAlong[point];

    internal int ShapePointCount => _shapeX.Length;

    private static (int[] Start, int[] Edges) Rows(int nodeCount, int[] key)
    {
        var start = new int[nodeCount + 1];
        foreach (var node in key)
        {
            start[node + 1]++;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            start[i + 1] += start[i];
        }

        var edges = new int[key.Length];
        var fill = start.AsSpan(0, nodeCount).ToArray();
        for (var e = 0; e < key.Length; e++)
        {
            edges[fill[key[e]]++] = e;
        }

        return (start, edges);
    }
}
