namespace Tracking.Simulator.Fleet;

/// <summary>Why a device sent a report.</summary>
internal enum ReportKind
{
    /// <summary>The regular report of its interval.</summary>
    Periodic,

    /// <summary>Positions buffered in a coverage gap, sent once back in coverage.</summary>
    Backlog,

    /// <summary>The emergency button.</summary>
    Emergency,
}
