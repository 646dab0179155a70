using Tracking.Core.Dispatch;

namespace Tracking.Core.Incidents;

/// <summary>An incident as command and control sends it.</summary>
/// <param name="Id">The command-and-control reference, 1–64 characters of <c>[A-Za-z0-9_.-]</c>.</param>
/// <param name="Grade">How urgent.</param>
/// <param name="Type">What it is, as the call taker wrote it (e.g. "Burglary in progress").</param>
/// <param name="Longitude">Location, degrees east (WGS84).</param>
/// <param name="Latitude">Location, degrees north (WGS84).</param>
/// <param name="RequiredSkills">Skills every unit sent must hold.</param>
/// <param name="VehicleType">The unit type asked for, or null for any.</param>
/// <param name="CreatedAt">When the incident was created (the start of the response time), UTC.</param>
/// <param name="Status">Open or closed.</param>
/// <param name="ClosedAt">When it was closed, UTC; set exactly when <paramref name="Status"/> is closed.</param>
public sealed record Incident(
    string Id,
    Grade Grade,
    string Type,
    double Longitude,
    double Latitude,
    IReadOnlyList<string> RequiredSkills,
    UnitType? VehicleType,
    DateTimeOffset CreatedAt,
    IncidentStatus Status,
    DateTimeOffset? ClosedAt)
{
    /// <summary>Whether two versions say the same thing (the skills compared in order, as sent).</summary>
    public bool SameAs(Incident other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Id == other.Id && Grade == other.Grade && Type == other.Type && Longitude.Equals(other.Longitude)
            && Latitude.Equals(other.Latitude) && RequiredSkills.SequenceEqual(other.RequiredSkills, StringComparer.Ordinal)
            && VehicleType == other.VehicleType && CreatedAt == other.CreatedAt && Status == other.Status && ClosedAt == other.ClosedAt;
    }
}
