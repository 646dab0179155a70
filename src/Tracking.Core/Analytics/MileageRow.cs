namespace Tracking.Core.Analytics;

/// <summary>One vehicle's use on one local day.</summary>
/// <param name="Vehicle">The vehicle's tracker (device id).</param>
/// <param name="Name">Registration or fleet number, when known.</param>
/// <param name="Day">Local date.</param>
/// <param name="DistanceKm">Distance driven, km.</param>
/// <param name="MovingHours">Hours moving.</param>
/// <param name="IdlingHours">Hours in short stops.</param>
/// <param name="ParkedHours">Hours parked.</param>
/// <param name="ShiftsUsed">Shifts of the rota that had the vehicle that day (starting that local day).</param>
public sealed record MileageRow(string Vehicle, string? Name, DateOnly Day, double DistanceKm, double MovingHours, double IdlingHours, double ParkedHours, int ShiftsUsed);
