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

/// <summary>
/// One visit or pass: who, when they came and went, and the seconds inside. <c>Unit</c> is the
/// unit the duty rota gives the device at the time, null while no rota is loaded.
/// </summary>
public sealed record StayView(string Device, string? Unit, DateTimeOffset Enter, DateTimeOffset Exit, double Seconds);

/// <summary>One device's presence in the area over the period.</summary>
public sealed record DevicePresenceView(string Device, double PresenceSeconds, int Visits, int Passes);

/// <summary>A stay still open in live presence: the device is inside, or left less than Grace ago.</summary>
public sealed record OpenStayView(string Device, string AreaKind, string AreaId, DateTimeOffset Enter, DateTimeOffset LastInside, double Seconds);
