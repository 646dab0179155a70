namespace Tracking.Server.Patrol;

/// <summary>Where one fix was: its time, its beat (null outside every beat) and the priority locations it was in.</summary>
internal sealed record DeviceAreaMatch(DateTimeOffset Time, string? Beat, IReadOnlyList<string> Locations);
