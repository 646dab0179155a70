using Tracking.Core.Fixes;

namespace Tracking.Benchmarks.EndToEnd;

/// <summary>
/// The rows of the COPY baselines: as many fixes as the load scenarios publish, from as many devices, one second apart
/// per device, moving around Leicester like the simulator's fleet, in arrival order (devices interleaved, as the
/// server's journal hands them to the drainer). Seeded, so every run writes the same rows.
/// </summary>
internal static class CopyRows
{
    private const double CentreLatitude = 52.6369;
    private const double CentreLongitude = -1.1398;
    private const double DegreesPerMetre = 1 / 111_320.0;

    public static Fix[] Generate(string prefix, int devices, int fixesPerDevice, int seed)
    {
        var random = new Random(seed);
        var start = DateTimeOffset.UtcNow.AddSeconds(-fixesPerDevice).AddMinutes(-1);
        var received = DateTimeOffset.UtcNow;
        var latitude = new double[devices];
        var longitude = new double[devices];
        var ids = new string[devices];
        for (var d = 0; d < devices; d++)
        {
            latitude[d] = CentreLatitude + ((random.NextDouble() - 0.5) * 0.1);
            longitude[d] = CentreLongitude + ((random.NextDouble() - 0.5) * 0.15);
            ids[d] = $"{prefix}{d:D5}";
        }

        var rows = new Fix[devices * fixesPerDevice];
        var i = 0;
        for (var n = 0; n < fixesPerDevice; n++)
        {
            for (var d = 0; d < devices; d++)
            {
                var heading = random.NextDouble() * 360;
                var speed = random.NextDouble() * 20;
                latitude[d] += Math.Cos(heading * Math.PI / 180) * speed * DegreesPerMetre;
                longitude[d] += Math.Sin(heading * Math.PI / 180) * speed * DegreesPerMetre / Math.Cos(CentreLatitude * Math.PI / 180);
                rows[i++] = new Fix
                {
                    DeviceId = ids[d],
                    DeviceTime = start.AddSeconds(n),
                    Latitude = Math.Round(latitude[d], 7),
                    Longitude = Math.Round(longitude[d], 7),
                    Speed = Math.Round(speed, 2),
                    Heading = Math.Round(heading, 1),
                    Accuracy = Math.Round(3 + (random.NextDouble() * 7), 1),
                    Altitude = Math.Round(60 + (random.NextDouble() * 20), 1),
                    Source = FixSource.Native,
                    ReceivedAt = received.AddMilliseconds(i / 20.0),
                };
            }
        }

        return rows;
    }
}
