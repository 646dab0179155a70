namespace Tracking.Core.Dispatch;

/// <summary>One change of a unit's status, as stored in its history.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Status">The new status.</param>
/// <param name="At">When it changed (UTC): a fix's device time for arrivals, the request's time otherwise.</param>
/// <param name="Cause">What changed it.</param>
/// <param name="Reason">Why, in words, for <see cref="UnitStatus.Unavailable"/> (refreshments, custody…); else optional.</param>
/// <param name="IncidentId">The incident for Assigned and AtScene.</param>
public sealed record UnitStatusChange(
    string UnitId,
    UnitStatus Status,
    DateTimeOffset At,
    StatusCause Cause,
    string? Reason = null,
    string? IncidentId = null);
