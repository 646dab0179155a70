namespace Tracking.Server.Reports;

/// <summary>One area's presence in two periods side by side, with the change in percent (null from zero).</summary>
internal sealed record ComparisonRow(
    string AreaKind,
    string AreaId,
    string AreaName,
    int VisitsBefore,
    int VisitsAfter,
    double? VisitsChangePercent,
    double MinutesBefore,
    double MinutesAfter,
    double? MinutesChangePercent);
