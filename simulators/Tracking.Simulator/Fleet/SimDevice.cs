using Tracking.Core.Fixes;
using Tracking.Core.Geo;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Fleet;

/// <summary>
/// A device while it is switched on: reports its unit's position every <see cref="DevicePlan.IntervalSeconds"/> with GPS
/// noise and the odd urban-canyon jump, and goes through coverage gaps, buffering its fixes (trackers and phones) or
/// losing them (radios: an Airwave radio out of coverage cannot send its short data). Every draw comes from its own
/// seeded <see cref="Random"/>. Not thread-safe: owned by the world's step.
/// </summary>
internal sealed class SimDevice
{
    private readonly Random _random;
    private readonly DeviceBehaviour _behaviour;
    private readonly List<Fix> _buffer = [];
    private DateTimeOffset _gapStart = DateTimeOffset.MaxValue;
    private DateTimeOffset _gapEnd = DateTimeOffset.MinValue;
    private DateTimeOffset _switchedOnAt;

    public SimDevice(DevicePlan plan, int seed, DeviceBehaviour behaviour)
    {
        Plan = plan;
        _random = new Random(seed);
        _behaviour = behaviour;
    }

    public DevicePlan Plan { get; }

    public bool On { get; private set; }

    public DateTimeOffset NextReportAt { get; private set; }

    public void SwitchOn(DateTimeOffset now)
    {
        if (On)
        {
            return;
        }

        On = true;
        _switchedOnAt = now;
        // Devices switched on together do not report in the same second.
        NextReportAt = now + TimeSpan.FromSeconds(Math.Floor(_random.NextDouble() * Plan.IntervalSeconds));
        ScheduleGap(now);
    }

    public void SwitchOff() => On = false;

    /// <summary>Adds the report due at <paramref name="now"/>, if any, to <paramref name="events"/>.</summary>
    public void Report(DateTimeOffset now, string unitId, TruthPoint truth, MapProjection projection, List<WorldEvent> events)
    {
        if (!On || now < NextReportAt)
        {
            return;
        }

        NextReportAt += TimeSpan.FromSeconds(Plan.IntervalSeconds);
        if (NextReportAt <= now)
        {
            NextReportAt = now + TimeSpan.FromSeconds(Plan.IntervalSeconds);
        }

        var fix = Measure(now, truth, projection, emergency: false);
        if (now >= _gapStart && now < _gapEnd)
        {
            // A radio's report is lost; a tracker or phone keeps it for later.
            if (Plan.Kind != DeviceKind.AirwaveRadio)
            {
                _buffer.Add(fix);
            }

            return;
        }

        if (now >= _gapEnd && _gapEnd > _switchedOnAt)
        {
            ScheduleGap(now);
        }

        if (_buffer.Count > 0)
        {
            // Back in coverage: the backlog goes first, received now.
            var backlog = _buffer.Select(f => f with { ReceivedAt = now }).ToList();
            _buffer.Clear();
            events.Add(new PositionReport(now, unitId, Plan, backlog, truth, ReportKind.Backlog));
        }

        events.Add(new PositionReport(now, unitId, Plan, [fix], truth, ReportKind.Periodic));
    }

    /// <summary>The emergency button: a report at once, whatever the interval, flagged as an emergency.</summary>
    public void Emergency(DateTimeOffset now, string unitId, TruthPoint truth, MapProjection projection, List<WorldEvent> events) =>
        events.Add(new PositionReport(now, unitId, Plan, [Measure(now, truth, projection, emergency: true)], truth, ReportKind.Emergency));

    private Fix Measure(DateTimeOffset now, TruthPoint truth, MapProjection projection, bool emergency)
    {
        // Gaussian noise (Box–Muller) on each axis; now and then a reflection puts the fix well off.
        var sigma = _behaviour.NoiseMetres;
        var dx = Gaussian() * sigma;
        var dy = Gaussian() * sigma;
        var accuracy = Math.Max(2, (sigma * 1.5) + (_random.NextDouble() * 4));
        if (_behaviour.CanyonJumpChance > 0 && _random.NextDouble() < _behaviour.CanyonJumpChance)
        {
            var angle = _random.NextDouble() * 2 * Math.PI;
            var distance = 30 + (_random.NextDouble() * 120);
            dx += Math.Sin(angle) * distance;
            dy += Math.Cos(angle) * distance;
            accuracy = 25 + (_random.NextDouble() * 40);
        }

        var (longitude, latitude) = projection.Unproject(truth.X + dx, truth.Y + dy);
        var moving = truth.Speed > 0.3;
        return new Fix
        {
            DeviceId = Plan.Id,
            DeviceTime = now,
            Latitude = latitude,
            Longitude = longitude,
            Speed = Math.Round(Math.Max(0, truth.Speed + (moving ? Gaussian() * 0.3 : 0)), 2),
            Heading = moving && truth.Heading is { } heading ? Math.Round(heading, 1) % 360 : null,
            Accuracy = Math.Round(accuracy, 1),
            Altitude = Plan.Kind == DeviceKind.AirwaveRadio ? null : Math.Round(65 + (Gaussian() * 4), 1),
            Satellites = Plan.Protocol == DeviceProtocol.Nmea ? _random.Next(6, 13) : null,
            Hdop = Plan.Protocol == DeviceProtocol.Nmea ? Math.Round(0.7 + (_random.NextDouble() * 0.9), 1) : null,
            Battery = Plan.Kind == DeviceKind.Phone ? Math.Max(5, Math.Round(100 - ((now - _switchedOnAt).TotalHours * 9))) : null,
            Emergency = emergency,
            Source = Source(Plan.Protocol),
            ReceivedAt = now,
        };
    }

    private void ScheduleGap(DateTimeOffset now)
    {
        if (_behaviour.GapsPerHour <= 0)
        {
            _gapStart = DateTimeOffset.MaxValue;
            _gapEnd = DateTimeOffset.MinValue;
            return;
        }

        var wait = -Math.Log(1 - _random.NextDouble()) / _behaviour.GapsPerHour;
        _gapStart = now + TimeSpan.FromHours(wait);
        var span = _behaviour.LongestGap - _behaviour.ShortestGap;
        _gapEnd = _gapStart + _behaviour.ShortestGap + (span * _random.NextDouble());
    }

    private double Gaussian()
    {
        var u1 = 1 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static FixSource Source(DeviceProtocol protocol) => protocol switch
    {
        DeviceProtocol.NativeJson => FixSource.Native,
        DeviceProtocol.Nmea => FixSource.Nmea,
        DeviceProtocol.TetraLip => FixSource.TetraLip,
        DeviceProtocol.OwnTracks => FixSource.OwnTracks,
        _ => FixSource.OsmAnd,
    };
}
