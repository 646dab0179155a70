namespace Tracking.Benchmarks.LiveMap;

/// <summary>Counts of latencies in whole milliseconds up to a minute (longer ones in the last bucket). Thread-safe (Interlocked).</summary>
internal sealed class MillisecondHistogram
{
    private const int Buckets = 60_001;
    private readonly long[] _counts = new long[Buckets];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Add(double milliseconds)
    {
        var bucket = (int)Math.Clamp(milliseconds, 0, Buckets - 1);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
    }

    public void Clear()
    {
        Array.Clear(_counts);
        Interlocked.Exchange(ref _total, 0);
    }

    public void AddTo(MillisecondHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < Buckets; i++)
        {
            var n = Interlocked.Read(ref _counts[i]);
            if (n > 0)
            {
                Interlocked.Add(ref other._counts[i], n);
                Interlocked.Add(ref other._total, n);
            }
        }
    }

    /// <summary>The latency below which <paramref name="fraction"/> of them fall, in ms (the bucket's upper edge); null when empty.</summary>
    public double? Percentile(double fraction)
    {
        var total = Count;
        if (total == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(fraction * total);
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return i + 1;
            }
        }

        return Buckets;
    }

    public double? Max()
    {
        for (var i = Buckets - 1; i >= 0; i--)
        {
            if (Interlocked.Read(ref _counts[i]) > 0)
            {
                return i + 1;
            }
        }

        return null;
    }
}
