namespace Tracking.Core.Analytics;

/// <summary>A vehicle that moved less than the threshold on average over the period.</summary>
/// <param name="Vehicle">Its tracker.</param>
/// <param name="Name">Registration or fleet number.</param>
/// <param name="MovingHoursPerDay">Average hours moving per local day of the period.</param>
/// <param name="DistanceKm">Distance over the period.</param>
/// <param name="ShiftsUsed">Shifts that had it in the period.</param>
public sealed record UnderUsedVehicle(string Vehicle, string? Name, double MovingHoursPerDay, double DistanceKm, int ShiftsUsed);
