using Tracking.Core.Fixes;

namespace Tracking.Server.Api;

/// <summary>A device's latest position as <c>GET /api/live</c> returns it. Degrees WGS84, m/s, degrees from north, metres, battery percent.</summary>
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
    DateTimeOffset ReceivedAt)
{
    internal static LivePosition From(Fix fix) => new(
        fix.DeviceId, fix.DeviceTime, fix.Latitude, fix.Longitude, fix.Speed, fix.Heading, fix.Accuracy, fix.Altitude,
        fix.Battery, fix.Emergency, fix.Source.ToString(), fix.ReceivedAt);
}
