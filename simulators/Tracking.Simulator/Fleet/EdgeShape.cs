namespace Tracking.Simulator.Fleet;

/// <summary>
/// The centre line of one directed road-graph edge in projected metres (x east, y north), from its tail node to its head
/// node, with the distance along it at every vertex. Immutable; safe to share between threads.
/// </summary>
internal sealed class EdgeShape
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _along;

    public EdgeShape(double[] x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length < 2 || x.Length != y.Length)
        {
            throw new ArgumentException("A shape needs at least two points and as many x as y.", nameof(x));
        }

        _x = x;
        _y = y;
        _along = new double[x.Length];
        for (var i = 1; i < x.Length; i++)
        {
            _along[i] = _along[i - 1] + Math.Sqrt(Square(x[i] - x[i - 1]) + Square(y[i] - y[i - 1]));
        }
    }

    public double Length => _along[^1];

    public int Count => _x.Length;

    public double X(int i) => _x[i];

    public double Y(int i) => _y[i];

    public double Along(int i) => _along[i];

    /// <summary>The same line walked the other way (the reverse edge of a two-way road).</summary>
    public EdgeShape Reversed() => new([.. _x.Reverse()], [.. _y.Reverse()]);

    /// <summary>The point <paramref name="offset"/> metres along the line, clamped to its ends.</summary>
    public (double X, double Y) PointAt(double offset)
    {
        var i = SegmentAt(offset);
        var span = _along[i + 1] - _along[i];
        var t = span <= 0 ? 0 : Math.Clamp((offset - _along[i]) / span, 0, 1);
        return (_x[i] + ((_x[i + 1] - _x[i]) * t), _y[i] + ((_y[i + 1] - _y[i]) * t));
    }

    /// <summary>
    /// The points of the line from <paramref name="from"/> to <paramref name="to"/> metres along it (from ≤ to): the two
    /// end points and every vertex between them, each with its distance along the line.
    /// </summary>
    public List<(double X, double Y, double Along)> Between(double from, double to)
    {
        from = Math.Clamp(from, 0, Length);
        to = Math.Clamp(to, from, Length);
        var (fx, fy) = PointAt(from);
        var points = new List<(double, double, double)> { (fx, fy, from) };
        for (var i = 0; i < _x.Length; i++)
        {
            if (_along[i] > from && _along[i] < to)
            {
                points.Add((_x[i], _y[i], _along[i]));
            }
        }

        var (tx, ty) = PointAt(to);
        points.Add((tx, ty, to));
        return points;
    }

    private int SegmentAt(double offset)
    {
        // The last vertex whose distance is at most the offset, kept below the last index so a segment follows it.
        var index = Array.BinarySearch(_along, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return Math.Clamp(index, 0, _x.Length - 2);
    }

    private static double Square(double value) => value * value;
}
