namespace Tracking.Core.Analytics;

/// <summary>One vehicle's use on one local day.</summary>
/// <param name="Day">The local date.</param>
/// <param name="DistanceMetres">Distance driven.</param>
/// <param name="MovingSeconds">Time moving.</param>
/// <param name="IdlingSeconds">Time in stops shorter than <see cref="VehicleUseOptions.ParkAfter"/>.</param>
/// <param name="ParkedSeconds">Time in longer stops.</param>
public sealed record VehicleDay(DateOnly Day, double DistanceMetres, double MovingSeconds, double IdlingSeconds, double ParkedSeconds)
{
    /// <summary>Time the track accounts for (moving, idling or parked); the rest of the day there was no data.</summary>
    public double ReportedSeconds => MovingSeconds + IdlingSeconds + ParkedSeconds;
}
