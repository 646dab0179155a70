namespace Tracking.Simulator.Fleet;

/// <summary>A unit tells the server its status (<c>tracking/{deviceId}/status</c>) from <see cref="DeviceId"/>.</summary>
internal sealed record UnitStatusReport(DateTimeOffset At, string UnitId, string DeviceId, string Status, string? Reason) : WorldEvent(At);
