namespace Tracking.Simulator.Faults;

/// <summary>
/// The part of the server's <c>GET /api/ingest/stats</c> the faults mode compares (see the server's IngestStatsResponse):
/// counts since the server started, rejections by reason name and by device.
/// </summary>
public sealed record IngestStatsSnapshot(
    long Messages,
    long Accepted,
    long Stored,
    long Duplicates,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    IReadOnlyList<DeviceRejectionCounts>? RejectedByDevice,
    SecurityStatsSnapshot? Security = null)
{
    /// <summary>Messages the server refused for being over their device's rate (0 from a server without the count).</summary>
    public long Limited => Security?.MessagesLimited ?? 0;
}
