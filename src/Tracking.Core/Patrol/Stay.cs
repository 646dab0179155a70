namespace Tracking.Core.Patrol;

/// <summary>
/// A stay of one device in one area: inside intervals separated by less than Grace, merged.
/// A stay of at least MinDwell from enter to exit is a visit, a shorter one a pass.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="AreaKey">The area's key.</param>
/// <param name="Enter">When the interpolated position first came inside (UTC).</param>
/// <param name="Exit">When it last left (UTC).</param>
/// <param name="InsideSeconds">Time actually inside within the stay (the merged gaps not counted).</param>
/// <param name="IsVisit">True for a visit, false for a pass.</param>
public sealed record Stay(string DeviceId, string AreaKey, DateTimeOffset Enter, DateTimeOffset Exit, double InsideSeconds, bool IsVisit);
