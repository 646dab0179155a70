namespace Tracking.Core.Dispatch;

/// <summary>A unit as <see cref="UnitPositionIndex"/> holds it.</summary>
/// <param name="UnitId">The unit's key.</param>
/// <param name="X">Metres east in the index's projection.</param>
/// <param name="Y">Metres north in the index's projection.</param>
/// <param name="Time">Device time (UTC) of the position.</param>
public readonly record struct IndexedUnit(string UnitId, double X, double Y, DateTimeOffset Time);
