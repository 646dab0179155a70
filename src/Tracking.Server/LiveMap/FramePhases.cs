namespace Tracking.Server.LiveMap;

/// <summary>
/// When a new view's first frame is due: within the next frame interval, at one of <see cref="Count"/> equal points of
/// it in turn. Views made at once (clients reconnecting after a restart) so still take turns through the interval
/// rather than all sending together; after its first frame each view is due an interval after its last.
/// Not thread-safe: owned by the broadcaster's loop.
/// </summary>
internal sealed class FramePhases(TimeSpan interval)
{
    public const int Count = 10;

    private int _last;

    public DateTimeOffset FirstDue(DateTimeOffset now)
    {
        _last = (_last + 1) % Count;
        return now + (interval * (_last + 1) / Count);
    }
}
