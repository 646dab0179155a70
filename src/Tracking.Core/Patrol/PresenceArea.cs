namespace Tracking.Core.Patrol;

/// <summary>A place presence is counted for, under a key that names it across map changes.</summary>
/// <param name="Key">Stable key, such as "location:ABBEY-PARK" or "beat:LC-03".</param>
/// <param name="Shape">Its shape in metres.</param>
public sealed record PresenceArea(string Key, AreaShape Shape);
