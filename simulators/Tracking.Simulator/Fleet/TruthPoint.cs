namespace Tracking.Simulator.Fleet;

/// <summary>
/// Where a unit really was when a device reported, before GPS noise: metres (x east, y north), the road-graph edge it
/// was driving (-1 off the graph or standing off it) and what it was doing.
/// </summary>
internal readonly record struct TruthPoint(double X, double Y, int Edge, double Speed, double? Heading, UnitActivity Activity);
