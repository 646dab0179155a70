using System.Globalization;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>Messages the floor broker's hook saw since the last <see cref="Mark"/>, with the first and latest times. Thread-safe.</summary>
internal sealed class FloorCounter
{
    private readonly Lock _lock = new();
    private long _count;
    private long _first;
    private long _last;

    public void Count(long ticks)
    {
        lock (_lock)
        {
            if (_count++ == 0)
            {
                _first = ticks;
            }

            _last = ticks;
        }
    }

    public void Mark()
    {
        lock (_lock)
        {
            _count = 0;
            _first = 0;
            _last = 0;
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_count} {_first} {_last}");
        }
    }
}
