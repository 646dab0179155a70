namespace Tracking.Core.Fixes;

/// <summary>
/// One position report from one device: the canonical record every stage after the decoder works on.
/// Axis order is explicit (never lat-first WKT): <see cref="Longitude"/> is x, <see cref="Latitude"/> is y, WGS84 (SRID 4326).
/// Units are SI: speed in metres per second, heading in degrees clockwise from true north, accuracy and altitude in metres.
/// Immutable, so it is safe to share between threads.
/// </summary>
public sealed record Fix
{
    /// <summary>Device id, 1–64 characters of <c>[A-Za-z0-9_.-]</c> (see <see cref="DeviceIds"/>).</summary>
    public required string DeviceId { get; init; }

    /// <summary>When the device measured the position, UTC.</summary>
    public required DateTimeOffset DeviceTime { get; init; }

    /// <summary>Latitude in degrees, WGS84, −90..90.</summary>
    public required double Latitude { get; init; }

    /// <summary>Longitude in degrees, WGS84, −180..180.</summary>
    public required double Longitude { get; init; }

    /// <summary>Ground speed in metres per second, when the device reported it.</summary>
    public double? Speed { get; init; }

    /// <summary>Course over ground in degrees clockwise from true north, 0 ≤ heading ≤ 360 (0 and 360 are both north), when reported.</summary>
    public double? Heading { get; init; }

    /// <summary>Horizontal accuracy (radius) in metres, when reported.</summary>
    public double? Accuracy { get; init; }

    /// <summary>Altitude in metres above the WGS84 ellipsoid or mean sea level, as the device reports it.</summary>
    public double? Altitude { get; init; }

    /// <summary>Satellites used for the position (NMEA GGA), when reported.</summary>
    public int? Satellites { get; init; }

    /// <summary>Horizontal dilution of precision (NMEA GGA), when reported; dimensionless, lower is better.</summary>
    public double? Hdop { get; init; }

    /// <summary>Battery level of the device in percent, 0–100, when reported.</summary>
    public double? Battery { get; init; }

    /// <summary>The device reported an emergency with this position (e.g. a radio's emergency button, TETRA LIP reason for sending).</summary>
    public bool Emergency { get; init; }

    /// <summary>The protocol the fix arrived in.</summary>
    public required FixSource Source { get; init; }

    /// <summary>When the server received the message that carried the fix, UTC.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}
