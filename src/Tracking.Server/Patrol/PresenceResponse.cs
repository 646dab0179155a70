namespace Tracking.Server.Patrol;

/// <summary>
/// Answer of <c>POST /api/presence</c>: presence in seconds, the visits and passes, and the same
/// per device. <c>presenceSeconds</c> is the sum of the visits' and passes' <c>seconds</c>.
/// </summary>
public sealed record PresenceResponse(
    string Area,
    DateTimeOffset From,
    DateTimeOffset To,
    double PresenceSeconds,
    int VisitCount,
    int PassCount,
    IReadOnlyList<StayView> Visits,
    IReadOnlyList<StayView> Passes,
    IReadOnlyList<DevicePresenceView> Devices);
