namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// How a load went through the server, seen by polling its stats: when the last fix was committed in PostgreSQL
/// (<see cref="Done"/>, null if it never was), when all were durable in the journal (<see cref="AllAccepted"/>), and the
/// largest number of fixes durable in the journal but not yet in PostgreSQL (<see cref="MaxBacklog"/>), every poll, and
/// when the committed count last moved (<see cref="LastCommit"/>: the end of the throughput window when some never came).
/// </summary>
internal sealed record StoreProgress(
    DateTimeOffset? Done, IngestStatsSnapshot Last, DateTimeOffset? AllAccepted, long MaxBacklog, IReadOnlyList<StatsSample> Samples, DateTimeOffset LastCommit);
