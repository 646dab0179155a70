using Tracking.Core.Geo;

namespace Tracking.Benchmarks.Dispatch;

/// <summary>
/// The seeded data every nearest-unit benchmark shares: units spread over a 40 km square around
/// Leicester (local transverse Mercator metres and WGS84 lon/lat), about 80% of them available,
/// and a cycle of operations, each one move of an available unit (a short step, as between two
/// fixes) and one query point. Every contender replays the same cycle.
/// </summary>
internal sealed class MovingFleet
{
    public const int OperationCount = 8192; // a power of two: the cycle index is a mask
    public const double HalfSide = 20_000;

    private static readonly MapProjection Leicester = MapProjection.Local(-1.13, 52.63);

    public MovingFleet(int units, int seed = 20240301)
    {
        var random = new Random(seed);
        Ids = new string[units];
        X = new double[units];
        Y = new double[units];
        Longitude = new double[units];
        Latitude = new double[units];
        Available = new bool[units];
        for (var i = 0; i < units; i++)
        {
            Ids[i] = $"unit-{i:D5}";
            X[i] = ((random.NextDouble() * 2) - 1) * HalfSide;
            Y[i] = ((random.NextDouble() * 2) - 1) * HalfSide;
            (Longitude[i], Latitude[i]) = Leicester.Unproject(X[i], Y[i]);
            Available[i] = random.NextDouble() < 0.8;
        }

        var availableUnits = Enumerable.Range(0, units).Where(i => Available[i]).ToArray();
        var x = (double[])X.Clone();
        var y = (double[])Y.Clone();
        Moves = new Operation[OperationCount];
        for (var op = 0; op < OperationCount; op++)
        {
            // A step of up to ±150 m (a car at 30 mph between fixes ten seconds apart).
            var unit = availableUnits[random.Next(availableUnits.Length)];
            x[unit] = Math.Clamp(x[unit] + ((random.NextDouble() * 300) - 150), -HalfSide, HalfSide);
            y[unit] = Math.Clamp(y[unit] + ((random.NextDouble() * 300) - 150), -HalfSide, HalfSide);
            var (lon, lat) = Leicester.Unproject(x[unit], y[unit]);
            var qx = ((random.NextDouble() * 2) - 1) * HalfSide * 0.95;
            var qy = ((random.NextDouble() * 2) - 1) * HalfSide * 0.95;
            var (qLon, qLat) = Leicester.Unproject(qx, qy);
            Moves[op] = new Operation(unit, x[unit], y[unit], lon, lat, qx, qy, qLon, qLat);
        }
    }

    public string[] Ids { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double[] Longitude { get; }

    public double[] Latitude { get; }

    public bool[] Available { get; }

    public Operation[] Moves { get; }

    /// <summary>One benchmark operation: move <paramref name="Unit"/> to a new position, then ask for the units nearest a query point.</summary>
    internal readonly record struct Operation(
        int Unit, double X, double Y, double Longitude, double Latitude,
        double QueryX, double QueryY, double QueryLongitude, double QueryLatitude);
}
