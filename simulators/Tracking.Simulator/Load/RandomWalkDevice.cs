using Tracking.Core.Fixes;

namespace Tracking.Simulator.Load;

/// <summary>
/// A load-generator device moving around the demo force area (Leicester): a random walk at patrol speeds that turns gently and
/// stays within a few kilometres of the city centre. Seeded, so a run is repeatable. Not thread-safe: one per device.
/// </summary>
internal sealed class RandomWalkDevice
{
    /// <summary>Leicester city centre, the demo force area.</summary>
    public const double CentreLatitude = 52.6369;
    public const double CentreLongitude = -1.1398;
    private const double MetresPerDegreeLatitude = 111_320;
    private const double AreaRadiusMetres = 6_000;

    private readonly Random _random;
    private double _north;
    private double _east;
    private double _heading;
    private double _speed;

    public RandomWalkDevice(string id, int seed)
    {
        Id = id;
        _random = new Random(seed);
        var angle = _random.NextDouble() * 2 * Math.PI;
        var distance = Math.Sqrt(_random.NextDouble()) * AreaRadiusMetres;
        _north = Math.Cos(angle) * distance;
        _east = Math.Sin(angle) * distance;
        _heading = _random.NextDouble() * 360;
        _speed = 5 + (_random.NextDouble() * 10);
    }

    public string Id { get; }

    /// <summary>Moves on by <paramref name="elapsed"/> and returns the fix a tracker would report at <paramref name="now"/>.</summary>
    public Fix Step(TimeSpan elapsed, DateTimeOffset now)
    {
        _heading = (_heading + ((_random.NextDouble() - 0.5) * 30) + 360) % 360;
        _speed = Math.Clamp(_speed + ((_random.NextDouble() - 0.5) * 2), 0, 20);
        var metres = _speed * elapsed.TotalSeconds;
        _north += Math.Cos(_heading * Math.PI / 180) * metres;
        _east += Math.Sin(_heading * Math.PI / 180) * metres;
        if (Math.Sqrt((_north * _north) + (_east * _east)) > AreaRadiusMetres)
        {
            // Turn back towards the centre rather than leave the force area.
            _heading = (Math.Atan2(-_east, -_north) * 180 / Math.PI + 360) % 360;
        }

        var latitude = CentreLatitude + (_north / MetresPerDegreeLatitude);
        var longitude = CentreLongitude + (_east / (MetresPerDegreeLatitude * Math.Cos(CentreLatitude * Math.PI / 180)));
        return new Fix
        {
            DeviceId = Id,
            DeviceTime = now,
            Latitude = latitude,
            Longitude = longitude,
            Speed = _speed,
            Heading = _heading,
            Accuracy = 3 + (_random.NextDouble() * 7),
            Source = FixSource.Native,
            ReceivedAt = now,
        };
    }
}
