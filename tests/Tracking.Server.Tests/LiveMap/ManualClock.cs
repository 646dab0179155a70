namespace Tracking.Server.Tests.LiveMap;

/// <summary>
/// A clock whose time only moves when the test moves it, with timers (so <c>Task.Delay(…, clock)</c> works): due
/// timers fire on the thread pool, never on the thread that advanced the clock. Thread-safe.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        var due = new List<ManualTimer>();
        lock (_gate)
        {
            _now += by;
            foreach (var timer in _timers.ToList())
            {
                if (timer.Due is { } at && at <= _now)
                {
                    due.Add(timer);
                    if (timer.Period is { } period && period > TimeSpan.Zero)
                    {
                        timer.Due = _now + period;
                    }
                    else
                    {
                        timer.Due = null;
                        _timers.Remove(timer);
                    }
                }
            }
        }

        foreach (var timer in due)
        {
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                Period = period == Timeout.InfiniteTimeSpan ? null : period;
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._now + dueTime;
                if (Due is not null)
                {
                    clock._timers.Add(this);
                }
            }

            return true;
        }

        public void Dispose()
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                Due = null;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
