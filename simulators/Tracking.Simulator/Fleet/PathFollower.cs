namespace Tracking.Simulator.Fleet;

/// <summary>
/// Moves along a list of <see cref="PathSegment"/>s as simulated time passes, each at its own speed. Knows where it is,
/// which way it faces, how fast it goes and, on the road graph, which edge it is on. Not thread-safe: owned by one unit.
/// </summary>
internal sealed class PathFollower
{
    private readonly IReadOnlyList<PathSegment> _segments;
    private int _index;
    private double _into;

    public PathFollower(IReadOnlyList<PathSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        _segments = segments;
        SkipEmpty();
    }

    public bool Finished => _index >= _segments.Count;

    public IReadOnlyList<PathSegment> Segments => _segments;

    /// <summary>Where the follower is now, metres.</summary>
    public (double X, double Y) Position
    {
        get
        {
            if (_segments.Count == 0)
            {
                throw new InvalidOperationException("An empty path has no position.");
            }

            if (Finished)
            {
                var last = _segments[^1];
                return (last.X1, last.Y1);
            }

            var s = _segments[_index];
            var t = s.Length <= 0 ? 0 : _into / s.Length;
            return (s.X0 + ((s.X1 - s.X0) * t), s.Y0 + ((s.Y1 - s.Y0) * t));
        }
    }

    /// <summary>The current segment (the last one once finished).</summary>
    public PathSegment Current => _segments[Math.Min(_index, _segments.Count - 1)];

    /// <summary>Speed now, m/s: 0 once finished.</summary>
    public double Speed => Finished ? 0 : _segments[_index].Speed;

    /// <summary>Where on the road graph the follower is, or null off the graph.</summary>
    public RoadPosition? RoadPosition
    {
        get
        {
            var s = Current;
            if (s.Edge < 0)
            {
                return null;
            }

            var into = Finished ? s.Length : _into;
            return new RoadPosition(s.Edge, s.EdgeOffset + into);
        }
    }

    /// <summary>Moves on by <paramref name="seconds"/>; returns the seconds left over when the path ended before.</summary>
    public double Advance(double seconds)
    {
        while (seconds > 0 && !Finished)
        {
            var s = _segments[_index];
            var left = s.Length - _into;
            var needed = left / s.Speed;
            if (needed > seconds)
            {
                _into += s.Speed * seconds;
                return 0;
            }

            seconds -= needed;
            _index++;
            _into = 0;
            SkipEmpty();
        }

        return seconds;
    }

    private void SkipEmpty()
    {
        while (_index < _segments.Count && (_segments[_index].Length <= 1e-9 || _segments[_index].Speed <= 0))
        {
            _index++;
        }
    }
}
