namespace Tracking.Benchmarks.LiveMap;

/// <summary>What the clients of one kind of view received in the window. Thread-safe (Interlocked).</summary>
internal sealed class ViewKindStats
{
    private long _frames;
    private long _markers;
    private long _moved;
    private long _removed;
    private long _jsonFrames;
    private long _jsonBytes;
    private long _largestJsonFrame;

    public MillisecondHistogram Latency { get; } = new();

    public int Clients { get; set; }

    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Markers received in full (<c>units</c>).</summary>
    public long Markers => Interlocked.Read(ref _markers);

    /// <summary>Move entries received (<c>moved</c>).</summary>
    public long Moved => Interlocked.Read(ref _moved);

    public long Removed => Interlocked.Read(ref _removed);

    public long JsonFrames => Interlocked.Read(ref _jsonFrames);

    public long JsonBytes => Interlocked.Read(ref _jsonBytes);

    public long LargestJsonFrame => Interlocked.Read(ref _largestJsonFrame);

    public void Frame(int markers, int moved, int removed, int jsonBytes)
    {
        Interlocked.Increment(ref _frames);
        Interlocked.Add(ref _markers, markers);
        Interlocked.Add(ref _moved, moved);
        Interlocked.Add(ref _removed, removed);
        if (jsonBytes > 0)
        {
            Interlocked.Increment(ref _jsonFrames);
            Interlocked.Add(ref _jsonBytes, jsonBytes);
            long largest;
            while (jsonBytes > (largest = Interlocked.Read(ref _largestJsonFrame))
                && Interlocked.CompareExchange(ref _largestJsonFrame, jsonBytes, largest) != largest)
            {
            }
        }
    }

    public void Clear()
    {
        Interlocked.Exchange(ref _frames, 0);
        Interlocked.Exchange(ref _markers, 0);
        Interlocked.Exchange(ref _moved, 0);
        Interlocked.Exchange(ref _removed, 0);
        Interlocked.Exchange(ref _jsonFrames, 0);
        Interlocked.Exchange(ref _jsonBytes, 0);
        Interlocked.Exchange(ref _largestJsonFrame, 0);
        Latency.Clear();
    }

    public ViewKindReport Report(string kind, double seconds) => new(
        kind, Clients, Frames, Markers, Moved, Removed, JsonFrames == 0 ? null : (double)JsonBytes / JsonFrames, JsonFrames == 0 ? null : LargestJsonFrame,
        Clients == 0 ? 0 : Frames / (double)Clients / seconds, Latency.Count, Latency.Percentile(0.5), Latency.Percentile(0.99), Latency.Max());
}
