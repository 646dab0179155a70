namespace Tracking.Simulator.Fleet;

/// <summary>A place on the road graph: <see cref="Offset"/> metres along directed edge <see cref="Edge"/> from its tail node.</summary>
internal readonly record struct RoadPosition(int Edge, double Offset);
