namespace Tracking.Core.Analytics;

/// <summary>How a vehicle's track is read for mileage and utilisation.</summary>
public sealed class VehicleUseOptions
{
    /// <summary>
    /// A move counts only once the vehicle is this far (metres) from where it last counted as moving:
    /// GPS jitter while parked wanders a few metres to tens of metres and must not add miles. Default 25 m.
    /// </summary>
    public double JitterRadius { get; init; } = 25;

    /// <summary>A stop at least this long is parked; a shorter one (lights, junctions, traffic) is idling. Default 5 min.</summary>
    public TimeSpan ParkAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Fixes further apart than this have no known use between them (no data). Default 5 min, as for presence.</summary>
    public TimeSpan MaxGap { get; init; } = TimeSpan.FromMinutes(5);
}
