namespace Tracking.Protocols.Nmea;

/// <summary>
/// One RMC or GGA sentence as read, held until the whole message is read so that an RMC and a GGA of the same time
/// can be merged whichever comes first. Plain data; lives on the decoder's stack.
/// </summary>
internal struct NmeaPosition
{
    /// <summary>True for RMC, false for GGA.</summary>
    public bool IsRmc;

    /// <summary>The sentence's UTC time field was read (a no-fix sentence may have an empty one).</summary>
    public bool HasTime;

    /// <summary>UTC time of day of the position, ticks since midnight.</summary>
    public long TimeOfDay;

    /// <summary>RMC: midnight UTC of the fix's date, ticks. GGA: unused (it has no date).</summary>
    public long Date;

    /// <summary>Set when the receiver reported no fix (RMC status V, GGA quality 0, 7 or 8): the rejection's detail.</summary>
    public string? NoFix;

    /// <summary>Signed decimal degrees, WGS84.</summary>
    public double Latitude;

    /// <summary>Signed decimal degrees, WGS84.</summary>
    public double Longitude;

    /// <summary>RMC speed over ground, knots (converted when the fix is built).</summary>
    public double? SpeedKnots;

    /// <summary>RMC course over ground, degrees true.</summary>
    public double? Course;

    /// <summary>GGA antenna altitude above mean sea level (the geoid), metres.</summary>
    public double? Altitude;

    /// <summary>GGA satellites in use.</summary>
    public int? Satellites;

    /// <summary>GGA horizontal dilution of precision.</summary>
    public double? Hdop;

    /// <summary>Index of the sentence of the other type and the same time this one is merged with, or −1.</summary>
    public int Partner;
}
