namespace Tracking.Core.Analytics;

/// <summary>One line of the patrol presence report.</summary>
/// <param name="AreaKind">beat or location.</param>
/// <param name="AreaId">The area.</param>
/// <param name="AreaName">Its name.</param>
/// <param name="Group">The group (a local date yyyy-MM-dd, shift, team, unit, vehicle/foot), or null for the whole period.</param>
/// <param name="Visits">Stays of at least MinDwell that began in the period (and group).</param>
/// <param name="Passes">Shorter stays.</param>
/// <param name="PresenceMinutes">Inside time of those stays.</param>
/// <param name="TargetVisits">Visits per day × days, when a target is set and the row covers whole days.</param>
/// <param name="TargetMinutes">Minutes per day × days, likewise.</param>
/// <param name="Status">Red, amber or green against the targets; None when none applies.</param>
public sealed record PresenceRow(
    string AreaKind,
    string AreaId,
    string AreaName,
    string? Group,
    int Visits,
    int Passes,
    double PresenceMinutes,
    double? TargetVisits,
    double? TargetMinutes,
    TargetStatus Status);
