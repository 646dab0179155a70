using Tracking.Core.Fixes;

namespace Tracking.Benchmarks.LiveMap;

/// <summary>
/// One unit's vehicle wandering the area: 5–15 m/s on a heading that drifts, turned back at the area's edges. Each
/// fix carries the wall-clock time it is made, so a hub client can tell how old it is when it arrives. Not
/// thread-safe: one connection's loop owns it.
/// </summary>
internal sealed class WalkingUnit
{
    private const double MetresPerDegree = 111_320;
    private readonly Random _random;
    private double _longitude;
    private double _latitude;
    private double _heading;
    private double _speed;
    private DateTimeOffset _last;

    public WalkingUnit(string deviceId, int seed)
    {
        DeviceId = deviceId;
        _random = new Random(seed);
        _longitude = BenchFleet.West + (_random.NextDouble() * (BenchFleet.East - BenchFleet.West));
        _latitude = BenchFleet.South + (_random.NextDouble() * (BenchFleet.North - BenchFleet.South));
        _heading = _random.NextDouble() * 360;
        _speed = 5 + (_random.NextDouble() * 10);
    }

    public string DeviceId { get; }

    /// <summary>Moves on to <paramref name="now"/> and returns the fix there (always later than the last one).</summary>
    public Fix Next(DateTimeOffset now)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds());
        if (time <= _last)
        {
            time = _last.AddMilliseconds(1);
        }

        var seconds = _last == default ? 0 : (time - _last).TotalSeconds;
        _last = time;
        _heading = (_heading + ((_random.NextDouble() - 0.5) * 30) + 360) % 360;
        _speed = Math.Clamp(_speed + ((_random.NextDouble() - 0.5) * 2), 5, 15);
        var radians = _heading * Math.PI / 180;
        var metres = Math.Min(seconds, 10) * _speed;
        _latitude += metres * Math.Cos(radians) / MetresPerDegree;
        _longitude += metres * Math.Sin(radians) / (MetresPerDegree * Math.Cos(_latitude * Math.PI / 180));
        if (_latitude < BenchFleet.South || _latitude > BenchFleet.North)
        {
            _latitude = Math.Clamp(_latitude, BenchFleet.South, BenchFleet.North);
            _heading = (540 - _heading) % 360;
        }

        if (_longitude < BenchFleet.West || _longitude > BenchFleet.East)
        {
            _longitude = Math.Clamp(_longitude, BenchFleet.West, BenchFleet.East);
            _heading = 360 - _heading;
        }

        return new Fix
        {
            DeviceId = DeviceId,
            DeviceTime = time,
            Latitude = _latitude,
            Longitude = _longitude,
            Speed = Math.Round(_speed, 2),
            Heading = Math.Round(_heading, 1),
            Source = FixSource.Native,
            ReceivedAt = time,
        };
    }
}
