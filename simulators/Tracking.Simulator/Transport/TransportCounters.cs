using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Transport;

/// <summary>What the transports sent and failed to send, by protocol. Thread-safe (interlocked counters).</summary>
internal sealed class TransportCounters
{
    private readonly long[] _sent = new long[Enum.GetValues<DeviceProtocol>().Length];
    private readonly long[] _failed = new long[Enum.GetValues<DeviceProtocol>().Length];
    private long _statuses;
    private long _dropped;
    private long _dispatches;
    private long _statusFailed;

    public void Sent(DeviceProtocol protocol) => Interlocked.Increment(ref _sent[(int)protocol]);

    public void Failed(DeviceProtocol protocol) => Interlocked.Increment(ref _failed[(int)protocol]);

    public void Status() => Interlocked.Increment(ref _statuses);

    /// <summary>A message dropped because its device's queue was full (the broker could not keep up).</summary>
    public void Dropped() => Interlocked.Increment(ref _dropped);

    /// <summary>A status message given up after two failed publishes.</summary>
    public void StatusFailed() => Interlocked.Increment(ref _statusFailed);

    public void Dispatch() => Interlocked.Increment(ref _dispatches);

    public long SentBy(DeviceProtocol protocol) => Interlocked.Read(ref _sent[(int)protocol]);

    public long FailedBy(DeviceProtocol protocol) => Interlocked.Read(ref _failed[(int)protocol]);

    public long TotalSent => Enum.GetValues<DeviceProtocol>().Sum(SentBy);

    public long TotalFailed => Enum.GetValues<DeviceProtocol>().Sum(FailedBy);

    public long Statuses => Interlocked.Read(ref _statuses);

    public long StatusesFailed => Interlocked.Read(ref _statusFailed);

    public long DroppedMessages => Interlocked.Read(ref _dropped);

    public long DispatchesReceived => Interlocked.Read(ref _dispatches);
}
