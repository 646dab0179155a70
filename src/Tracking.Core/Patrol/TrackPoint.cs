namespace Tracking.Core.Patrol;

/// <summary>
/// One fix of a track as presence sees it: position in metres in the map's projection and
/// the device's time in UTC ticks, cut to whole microseconds as PostgreSQL stores it, so that a
/// live fix and the same fix read back from storage are the same point.
/// </summary>
/// <param name="X">Easting in metres.</param>
/// <param name="Y">Northing in metres.</param>
/// <param name="Ticks">Device time as UTC ticks (<see cref="DateTimeOffset.UtcTicks"/>).</param>
public readonly record struct TrackPoint(double X, double Y, long Ticks)
{
    /// <summary>A point at a device time.</summary>
    public TrackPoint(double x, double y, DateTimeOffset time)
        : this(x, y, time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond))
    {
    }

    /// <summary>The device time.</summary>
    public DateTimeOffset Time => new(Ticks, TimeSpan.Zero);
}
