namespace Tracking.Server.Api;

/// <summary>
/// <c>GET /api/ingest/stats</c>: counts since the server started. Accepted fixes are durable in the journal;
/// stored ones are committed in PostgreSQL; duplicates were already stored. Latencies are from receipt to commit.
/// </summary>
public sealed record IngestStatsResponse(
    long Messages,
    long Accepted,
    long Stored,
    long Duplicates,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    IReadOnlyList<DeviceRejections> RejectedByDevice,
    long DeadLettersDropped,
    long JournalPendingAppends,
    double? CommitLatencyMedianMs,
    double? CommitLatencyP99Ms,
    int LiveDevices,
    int RegisteredDevices,
    SecurityStatsResponse Security);

/// <summary>Rejection counts of one device, by reason name.</summary>
public sealed record DeviceRejections(string DeviceId, IReadOnlyDictionary<string, long> ByReason);
