using System.Globalization;

namespace Tracking.Simulator.Load;

/// <summary>What a load run achieved. Latencies are publish → acknowledgement (QoS 1) in milliseconds.</summary>
public sealed record LoadResult(long Published, long Failed, TimeSpan Elapsed, double MedianAckMs, double P99AckMs)
{
    public double FixesPerSecond => Published / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"published {Published} fixes in {Elapsed.TotalSeconds:F1} s = {FixesPerSecond:F0} fixes/s; {Failed} failed; ack latency median {MedianAckMs:F1} ms, p99 {P99AckMs:F1} ms");
}
