namespace Tracking.Server.LiveMap;

/// <summary>
/// What the live map has sent and dropped since start. Thread-safe: counters are updated with
/// <see cref="Interlocked"/> from the broadcaster's loop and from the threads that serialize payloads.
/// </summary>
internal sealed class LiveMapCounters
{
    private long _framesSent;
    private long _snapshotsSent;
    private long _heartbeatsSent;
    private long _bytesSent;
    private long _framesDeferred;
    private long _updatesDropped;
    private long _sendFailures;
    private long _ticks;
    private long _tickTicks;
    private long _longestTickTicks;
    private long _changesTicks;
    private long _fanOutTicks;

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long SnapshotsSent => Interlocked.Read(ref _snapshotsSent);

    /// <summary>Payload bytes written to clients (JSON exactly; MessagePack within a few bytes of the envelope; without SignalR's and the transport's framing).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Frames not sent when due because the client was still receiving an earlier one; their content waits, coalesced.</summary>
    public long FramesDeferred => Interlocked.Read(ref _framesDeferred);

    /// <summary>States a slow client never received because a newer state of the same marker, incident or alarm replaced them, and dispatches over its backlog's bound.</summary>
    public long UpdatesDropped => Interlocked.Read(ref _updatesDropped);

    /// <summary>Sends that failed (the connection went away while writing).</summary>
    public long SendFailures => Interlocked.Read(ref _sendFailures);

    /// <summary>Steps of the loop done (each reads what changed and sends the frames that are due).</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Time spent in steps, all together, in milliseconds.</summary>
    public double TickMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _tickTicks)).TotalMilliseconds;

    /// <summary>The longest step, in milliseconds.</summary>
    public double LongestTickMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _longestTickTicks)).TotalMilliseconds;

    /// <summary>Time spent taking what changed (the control room's events, the devices that reported) and giving it to the views, all together, in milliseconds.</summary>
    public double ChangesMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _changesTicks)).TotalMilliseconds;

    /// <summary>Time the steps spent making the due views' frames and handing them over, all together, in milliseconds.</summary>
    public double FanOutMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _fanOutTicks)).TotalMilliseconds;

    public void ReadChanges(TimeSpan took) => Interlocked.Add(ref _changesTicks, took.Ticks);

    public void FannedOut(TimeSpan took) => Interlocked.Add(ref _fanOutTicks, took.Ticks);

    public void Ticked(TimeSpan took)
    {
        Interlocked.Increment(ref _ticks);
        Interlocked.Add(ref _tickTicks, took.Ticks);
        long longest;
        while (took.Ticks > (longest = Interlocked.Read(ref _longestTickTicks))
            && Interlocked.CompareExchange(ref _longestTickTicks, took.Ticks, longest) != longest)
        {
        }
    }

    public void FrameSent() => Interlocked.Increment(ref _framesSent);

    public void SnapshotSent() => Interlocked.Increment(ref _snapshotsSent);

    public long HeartbeatsSent => Interlocked.Read(ref _heartbeatsSent);

    public void HeartbeatSent() => Interlocked.Increment(ref _heartbeatsSent);

    public void BytesWritten(int bytes) => Interlocked.Add(ref _bytesSent, bytes);

    public void FrameDeferred() => Interlocked.Increment(ref _framesDeferred);

    public void Dropped(int updates)
    {
        if (updates > 0)
        {
            Interlocked.Add(ref _updatesDropped, updates);
        }
    }

    public void SendFailed() => Interlocked.Increment(ref _sendFailures);
}
