namespace Tracking.Core.Patrol;

/// <summary>
/// One fix of a track as presence sees it: position in metres in the map's projection and
/// the device's time (UTC ticks, so interpolated boundary times stay exact to 100 ns).
/// </summary>
/// <param name="X">Easting in metres.</param>
/// <param name="Y">Northing in metres.</param>
/// <param name="Ticks">Device time as UTC ticks (<see cref="DateTimeOffset.UtcTicks"/>).</param>
public readonly record struct TrackPoint(double X, double Y, long Ticks)
{
    /// <summary>A point at a device time.</summary>
    public TrackPoint(double x, double y, DateTimeOffset time)
        : this(x, y, time.UtcTicks)
    {
    }

    /// <summary>The device time.</summary>
    public DateTimeOffset Time => new(Ticks, TimeSpan.Zero);
}
