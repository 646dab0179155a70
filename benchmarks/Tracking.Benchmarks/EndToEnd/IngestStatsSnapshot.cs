namespace Tracking.Benchmarks.EndToEnd;

/// <summary>The part of <c>GET /api/ingest/stats</c> the harness reads (counts since the server started; latencies in ms).</summary>
internal sealed record IngestStatsSnapshot(
    long Messages,
    long Accepted,
    long Stored,
    long Duplicates,
    long Rejected,
    long JournalPendingAppends,
    double? CommitLatencyMedianMs,
    double? CommitLatencyP99Ms)
{
    public static IngestStatsSnapshot Zero { get; } = new(0, 0, 0, 0, 0, 0, null, null);
}
