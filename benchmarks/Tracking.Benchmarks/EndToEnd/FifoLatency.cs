namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// Receipt → commit latency of a window of fixes, from the polled counters alone: the journal is drained in the order
/// fixes were received, so the k-th fix received is the k-th committed, and its latency is the time between the
/// received counter and the committed counter reaching k (each interpolated between polls). We need it because the
/// server's own percentiles count every fix since it started, warm-up included. An estimate: the polls are 100 ms
/// apart, and it sees the flow, not a single straggler.
/// </summary>
internal static class FifoLatency
{
    private const int Points = 2000;

    /// <summary>Median and 99th percentile in milliseconds over fixes <paramref name="first"/>+1 … <paramref name="first"/>+<paramref name="count"/>, or null.</summary>
    public static (double MedianMs, double P99Ms)? Estimate(IReadOnlyList<StatsSample> samples, long first, long count)
    {
        if (samples.Count < 2 || count <= 0)
        {
            return null;
        }

        var latencies = new List<double>(Points);
        for (var p = 1; p <= Points; p++)
        {
            var k = first + Math.Max(1, count * p / Points);
            var received = Crossing(samples, k, s => s.Received);
            var committed = Crossing(samples, k, s => s.Committed);
            if (received is { } r && committed is { } c)
            {
                latencies.Add(Math.Max(0, (c - r).TotalMilliseconds));
            }
        }

        if (latencies.Count == 0)
        {
            return null;
        }

        latencies.Sort();
        return (latencies[latencies.Count / 2], latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]);
    }

    /// <summary>When the counter reached <paramref name="k"/>, interpolated between the polls around it.</summary>
    private static DateTimeOffset? Crossing(IReadOnlyList<StatsSample> samples, long k, Func<StatsSample, long> value)
    {
        if (value(samples[0]) >= k)
        {
            return null; // already there before the first poll: unknown
        }

        for (var i = 1; i < samples.Count; i++)
        {
            var after = value(samples[i]);
            if (after >= k)
            {
                var before = value(samples[i - 1]);
                var f = (double)(k - before) / (after - before);
                return samples[i - 1].Time + ((samples[i].Time - samples[i - 1].Time) * f);
            }
        }

        return null;
    }
}
