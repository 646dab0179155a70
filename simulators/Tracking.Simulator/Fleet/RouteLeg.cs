namespace Tracking.Simulator.Fleet;

/// <summary>One directed edge of a route, driven from <see cref="From"/> to <see cref="To"/> metres along it (From ≤ To).</summary>
internal readonly record struct RouteLeg(int Edge, double From, double To);
