using System.Globalization;

namespace Tracking.Simulator.Load;

/// <summary>
/// What a load run achieved: fixes published (handed to the broker without error), failed publishes (counted, the run
/// went on), acknowledgements received (QoS 1 PUBACKs; 0 at QoS 0, which has none), and publish → acknowledgement
/// latency in milliseconds (at QoS 0, the time to write the publish).
/// </summary>
public sealed record LoadResult(long Published, long Failed, TimeSpan Elapsed, double MedianAckMs, double P99AckMs, long Acknowledged = 0, int Connections = 0)
{
    public double FixesPerSecond => Elapsed.TotalSeconds <= 0 ? 0 : Published / Elapsed.TotalSeconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"published {Published} fixes in {Elapsed.TotalSeconds:F1} s = {FixesPerSecond:F0} fixes/s over {Connections} connections; {Acknowledged} acknowledged; {Failed} failed; ack latency median {MedianAckMs:F1} ms, p99 {P99AckMs:F1} ms");
}
