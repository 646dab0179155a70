namespace Tracking.Core.Geo.Routing;

/// <summary>What <see cref="RoadGraphBuilder"/> hands to <see cref="RoadGraph"/>: its arrays, owned by the graph from then on.</summary>
internal sealed record RoadGraphArrays(
    double[] NodeX,
    double[] NodeY,
    int[] EdgeFrom,
    int[] EdgeTo,
    double[] EdgeLength,
    double[] EdgeTime,
    int[] EdgeReverse,
    int[] EdgeRoad,
    int[] ShapeStart,
    double[] ShapeX,
    double[] ShapeY,
    double[] ShapeAlong);
