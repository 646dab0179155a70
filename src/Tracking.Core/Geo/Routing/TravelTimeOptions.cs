namespace Tracking.Core.Geo.Routing;

/// <summary>How <see cref="TravelTimes"/> treats the parts of a trip that are off the road network.</summary>
public sealed class TravelTimeOptions
{
    /// <summary>
    /// Speed (m/s) between a position and the road it snaps to: a vehicle crawling out of a
    /// car park or yard, an officer walking to the street. Default 2 m/s.
    /// </summary>
    public double OffRoadSpeed { get; init; } = 2.0;

    /// <summary>
    /// A point farther than this (metres) from every road does not snap, and its travel time is
    /// unknown (null). Default 1,000 m.
    /// </summary>
    public double MaxSnapDistance { get; init; } = 1_000;

    /// <summary>Throws when a value is out of range, saying which and why.</summary>
    public void Validate()
    {
        if (!double.IsFinite(OffRoadSpeed) || OffRoadSpeed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OffRoadSpeed), OffRoadSpeed, "OffRoadSpeed must be a positive number of metres per second.");
        }

        if (double.IsNaN(MaxSnapDistance) || MaxSnapDistance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSnapDistance), MaxSnapDistance, "MaxSnapDistance must be zero or more metres.");
        }
    }
}
