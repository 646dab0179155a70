namespace Tracking.Core.Dispatch;

/// <summary>One answer of <see cref="UnitPositionIndex.Nearest"/>.</summary>
/// <param name="Unit">The unit and its indexed position.</param>
/// <param name="Distance">Straight-line distance from the query point, metres.</param>
public readonly record struct NearestUnit(IndexedUnit Unit, double Distance);
