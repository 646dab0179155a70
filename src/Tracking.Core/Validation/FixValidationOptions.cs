namespace Tracking.Core.Validation;

/// <summary>Plausibility limits applied to every decoded fix, whatever its protocol.</summary>
public sealed class FixValidationOptions
{
    /// <summary>How far ahead of the server clock a device time may be (device clocks drift).</summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old a fix may be and still be accepted (a device that buffered fixes while out of coverage).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Fastest credible ground speed in metres per second (100 m/s = 360 km/h).</summary>
    public double MaxSpeed { get; set; } = 100;
}
