namespace Tracking.Core.Dispatch;

/// <summary>What an incident asks of the units to send.</summary>
/// <param name="Longitude">Incident location, degrees east (WGS84).</param>
/// <param name="Latitude">Incident location, degrees north (WGS84).</param>
/// <param name="RequiredSkills">Skills every offered unit must hold, valid at <paramref name="Now"/>.</param>
/// <param name="VehicleType">The unit type asked for, or null for any.</param>
/// <param name="Now">The time the request is judged at (UTC): staleness and skill expiry are measured from it.</param>
public sealed record IncidentRequest(
    double Longitude,
    double Latitude,
    IReadOnlyList<string> RequiredSkills,
    UnitType? VehicleType,
    DateTimeOffset Now);
