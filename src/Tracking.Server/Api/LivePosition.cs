using Tracking.Core.Fixes;
using Tracking.Server.Patrol;

namespace Tracking.Server.Api;

/// <summary>
/// A device's latest position as <c>GET /api/live</c> returns it. Degrees WGS84, m/s, degrees from north, metres, battery
/// percent; the micro-beat and priority locations the position is in (null and empty until the patrol stage has matched it,
/// or outside the map).
/// </summary>
public sealed record LivePosition(
    string DeviceId,
    DateTimeOffset Time,
    double Latitude,
    double Longitude,
    double? Speed,
    double? Heading,
    double? Accuracy,
    double? Altitude,
    double? Battery,
    bool Emergency,
    string Source,
    DateTimeOffset ReceivedAt,
    string? Beat,
    IReadOnlyList<string> Locations)
{
    internal static LivePosition From(Fix fix, DeviceAreaMatch? match)
    {
        // The match belongs to this position only when it was made for this fix's time.
        var current = match is not null && match.Time == fix.DeviceTime ? match : null;
        return new(
            fix.DeviceId, fix.DeviceTime, fix.Latitude, fix.Longitude, fix.Speed, fix.Heading, fix.Accuracy, fix.Altitude,
            fix.Battery, fix.Emergency, fix.Source.ToString(), fix.ReceivedAt, current?.Beat, current?.Locations ?? []);
    }
}
