namespace Tracking.Benchmarks.LiveMap;

/// <summary>What the load generator did in the measured window (printed as one JSON line).</summary>
/// <param name="Published">Fixes published (acknowledged at QoS 1).</param>
/// <param name="Failed">Publishes that failed.</param>
/// <param name="Late">Publishes made more than a second after they were due (the generator or the server fell behind).</param>
/// <param name="Seconds">Length of the window.</param>
/// <param name="AckMedianMs">Publish → acknowledgement (QoS 1: the fix is durable), median, ms.</param>
/// <param name="AckP99Ms">The same, 99th percentile.</param>
internal sealed record FleetLoadReport(long Published, long Failed, long Late, double Seconds, double? AckMedianMs, double? AckP99Ms);
