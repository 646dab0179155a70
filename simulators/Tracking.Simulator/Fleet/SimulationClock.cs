namespace Tracking.Simulator.Fleet;

/// <summary>
/// The demo's simulated time. At speed 1 it is the wall clock. Faster than that it starts <c>lead</c> in the past and runs
/// <c>speed</c> times as fast until it reaches the wall clock, then keeps to it: the server refuses fixes more than a
/// few minutes ahead of its own clock, so simulated time may never pass the wall clock. Thread-safe.
/// </summary>
internal sealed class SimulationClock
{
    private readonly TimeProvider _wall;
    private readonly long _started;
    private readonly DateTimeOffset _wallStart;
    private readonly double _speed;

    public SimulationClock(TimeProvider wall, double speed, TimeSpan lead)
    {
        ArgumentNullException.ThrowIfNull(wall);
        ArgumentOutOfRangeException.ThrowIfLessThan(speed, 1);
        _wall = wall;
        _speed = speed;
        _started = wall.GetTimestamp();
        _wallStart = wall.GetUtcNow();
        Start = _wallStart - lead;
    }

    /// <summary>Simulated time at the start.</summary>
    public DateTimeOffset Start { get; }

    public DateTimeOffset Now
    {
        get
        {
            var simulated = Start + (_wall.GetElapsedTime(_started) * _speed);
            var wall = _wall.GetUtcNow();
            return simulated < wall ? simulated : wall;
        }
    }

    /// <summary>True while simulated time is still catching up with the wall clock.</summary>
    public bool IsBehind => _wall.GetUtcNow() - Now > TimeSpan.FromSeconds(5);
}
