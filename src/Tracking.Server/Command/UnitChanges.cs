namespace Tracking.Server.Command;

/// <summary>
/// The units that changed since the control room last told the live maps (moves, statuses, duty, crews, details), each
/// as it is now, and the ids of units that went away (a foot patrol back with its vehicle or off duty, a unit removed
/// by an import). A unit is in at most one of the two lists.
/// </summary>
internal sealed record UnitChanges(IReadOnlyList<UnitView> Changed, IReadOnlyList<string> Removed);
