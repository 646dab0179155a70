namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// What the load generator process reports on its last line of output, as JSON. Latencies are publish → PUBACK
/// (QoS 1) or publish → written to the socket (QoS 0), in milliseconds; times are wall-clock UTC.
/// </summary>
internal sealed record LoadReport(
    long Published,
    long Failed,
    double ElapsedSeconds,
    double MedianAckMs,
    double P99AckMs,
    DateTimeOffset Finished)
{
    public double PublishRate => Published / ElapsedSeconds;
}
