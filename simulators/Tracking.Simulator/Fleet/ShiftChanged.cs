namespace Tracking.Simulator.Fleet;

/// <summary>A unit's crew came on duty (<see cref="Started"/>) or went off duty back at the station.</summary>
internal sealed record ShiftChanged(DateTimeOffset At, string UnitId, ShiftPlan Shift, bool Started) : WorldEvent(At);
