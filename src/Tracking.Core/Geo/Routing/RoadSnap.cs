namespace Tracking.Core.Geo.Routing;

/// <summary>
/// Where a point (projected metres) meets the road network: the closest point on the nearest
/// edge's shape.
/// </summary>
/// <param name="Edge">
/// The directed edge in the road's drawn direction (first point to last). For a two-way road the
/// opposite edge is <see cref="RoadGraph.ReverseOf"/>; a one-way road has only this one.
/// </param>
/// <param name="Offset">Metres along <paramref name="Edge"/>'s shape from its tail node to the snapped point.</param>
/// <param name="Distance">Metres from the point to the road (off-road distance).</param>
/// <param name="X">Snapped point, metres east in the graph's projection.</param>
/// <param name="Y">Snapped point, metres north in the graph's projection.</param>
public readonly record struct RoadSnap(int Edge, double Offset, double Distance, double X, double Y);
