namespace Tracking.Server.Patrol;

/// <summary>One device's presence in the area over the period.</summary>
public sealed record DevicePresenceView(string Device, double PresenceSeconds, int Visits, int Passes);
