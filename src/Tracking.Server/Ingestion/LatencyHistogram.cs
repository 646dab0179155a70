namespace Tracking.Server.Ingestion;

/// <summary>
/// A lock-free histogram of latencies with buckets growing by 10%, from 50 µs to about 10 minutes, so a
/// percentile read from it is within 10% of the truth. Thread-safe: recording is one interlocked increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const double SmallestMicroseconds = 50;
    private const double Growth = 1.1;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _counts = new long[175];

    public void Record(TimeSpan latency)
    {
        var microseconds = latency.Ticks / 10.0;
        var bucket = microseconds <= SmallestMicroseconds ? 0 : (int)Math.Ceiling(Math.Log(microseconds / SmallestMicroseconds) / LogGrowth);
        Interlocked.Increment(ref _counts[Math.Clamp(bucket, 0, _counts.Length - 1)]);
    }

    public long Count
    {
        get
        {
            long total = 0;
            foreach (ref var count in _counts.AsSpan())
            {
                total += Volatile.Read(ref count);
            }

            return total;
        }
    }

    /// <summary>The latency below which <paramref name="quantile"/> (0..1) of the recordings fall (upper bucket edge), or null with none.</summary>
    public TimeSpan? Percentile(double quantile)
    {
        var snapshot = new long[_counts.Length];
        long total = 0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            snapshot[i] = Volatile.Read(ref _counts[i]);
            total += snapshot[i];
        }

        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < snapshot.Length; i++)
        {
            seen += snapshot[i];
            if (seen >= Math.Max(rank, 1))
            {
                return TimeSpan.FromTicks((long)(SmallestMicroseconds * Math.Pow(Growth, i) * 10));
            }
        }

        return null;
    }

    public void Reset() => Array.Clear(_counts);
}
