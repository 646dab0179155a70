using Tracking.Core.Patrol;

namespace Tracking.Core.Analytics;

/// <summary>
/// Mileage and utilisation of one vehicle from its track, per local day. The vehicle counts as moving
/// over the time between two fixes when the later one is at least <see cref="VehicleUseOptions.JitterRadius"/>
/// from where it last counted as moving (the anchor), and the distance added is from the anchor, so
/// jitter while parked adds nothing and a slow crawl is counted once it has gone the radius. The rest is
/// stopped time: a stop of at least <see cref="VehicleUseOptions.ParkAfter"/> is parked, a shorter one
/// idling. Between fixes more than <see cref="VehicleUseOptions.MaxGap"/> apart no time is counted, but the
/// distance across the gap is (a tunnel, a dead tracker: the vehicle did get there), on the later fix's day.
/// Times that cross a local midnight are split at it; a moving interval's distance is split in the same
/// proportion as its time.
/// </summary>
/// <remarks>Feed one vehicle's fixes in device-time order; a fix no later than the one before is ignored. Not thread-safe.</remarks>
public sealed class VehicleUseMeter
{
    // Slots of each day's figures.
    private const int Distance = 0;
    private const int Moving = 1;
    private const int Idling = 2;
    private const int Parked = 3;

    private readonly LocalCalendar _calendar;
    private readonly VehicleUseOptions _options;
    private readonly SortedDictionary<DateOnly, double[]> _days = [];
    private readonly List<(long Start, long End)> _stop = [];
    private TrackPoint? _last;
    private TrackPoint _anchor;

    public VehicleUseMeter(LocalCalendar calendar, VehicleUseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
        _options = options ?? new VehicleUseOptions();
    }

    public void Add(TrackPoint point)
    {
        if (_last is not { } last)
        {
            _last = point;
            _anchor = point;
            return;
        }

        if (point.Ticks <= last.Ticks)
        {
            return;
        }

        var fromAnchor = Between(_anchor, point);
        if (point.Ticks - last.Ticks > _options.MaxGap.Ticks)
        {
            CloseStop();
            if (fromAnchor >= _options.JitterRadius)
            {
                Day(_calendar.Day(point.Time))[Distance] += fromAnchor;
                _anchor = point;
            }
        }
        else if (fromAnchor >= _options.JitterRadius)
        {
            CloseStop();
            Spread(last.Ticks, point.Ticks, Moving, fromAnchor);
            _anchor = point;
        }
        else
        {
            _stop.Add((last.Ticks, point.Ticks));
        }

        _last = point;
    }

    /// <summary>The days the track touched, in order (closes the stop in progress, so call it once at the end).</summary>
    public List<VehicleDay> Finish()
    {
        CloseStop();
        return [.. _days.Select(d => new VehicleDay(d.Key, d.Value[Distance], d.Value[Moving], d.Value[Idling], d.Value[Parked]))];
    }

    private void CloseStop()
    {
        if (_stop.Count == 0)
        {
            return;
        }

        var length = _stop.Sum(s => s.End - s.Start);
        var kind = length >= _options.ParkAfter.Ticks ? Parked : Idling;
        foreach (var (start, end) in _stop)
        {
            Spread(start, end, kind, 0);
        }

        _stop.Clear();
    }

    /// <summary>Adds the seconds of [start, end) to each local day they fall in, and the distance in proportion.</summary>
    private void Spread(long start, long end, int kind, double distance)
    {
        var from = new DateTimeOffset(start, TimeSpan.Zero);
        var to = new DateTimeOffset(end, TimeSpan.Zero);
        var total = (double)(end - start);
        foreach (var day in _calendar.Days(from, to))
        {
            var dayStart = _calendar.Start(day);
            var dayEnd = _calendar.End(day);
            var part = ((to < dayEnd ? to : dayEnd) - (from > dayStart ? from : dayStart)).Ticks;
            var values = Day(day);
            values[kind] += part / (double)TimeSpan.TicksPerSecond;
            values[Distance] += distance * (part / total);
        }
    }

    private double[] Day(DateOnly day)
    {
        if (!_days.TryGetValue(day, out var values))
        {
            values = new double[4];
            _days.Add(day, values);
        }

        return values;
    }

    private static double Between(TrackPoint a, TrackPoint b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
