using Tracking.Core.Fixes;

namespace Tracking.Simulator.Fleet;

/// <summary>A device's report: its fixes (one, or a backlog after a coverage gap) and where its unit really was.</summary>
internal sealed record PositionReport(DateTimeOffset At, string UnitId, DevicePlan Device, IReadOnlyList<Fix> Fixes, TruthPoint Truth, ReportKind Kind)
    : WorldEvent(At);
