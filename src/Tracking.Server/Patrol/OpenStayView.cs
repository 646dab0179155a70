namespace Tracking.Server.Patrol;

/// <summary>A stay still open in live presence: the device is inside, or left less than Grace ago.</summary>
public sealed record OpenStayView(string Device, string AreaKind, string AreaId, DateTimeOffset Enter, DateTimeOffset LastInside, double Seconds);
