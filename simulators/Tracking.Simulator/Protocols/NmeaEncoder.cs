using System.Globalization;
using System.Text;
using Tracking.Core.Fixes;
using Tracking.Protocols;

namespace Tracking.Simulator.Protocols;

/// <summary>
/// NMEA 0183 as a GPS receiver prints it: an RMC (position, speed in knots, course, date and time; NMEA 2.3 form with
/// the mode indicator) and a GGA of the same time (fix quality, satellites, HDOP, altitude), each <c>$…*hh</c> and CR LF.
/// Positions are written to 1/10,000 of a minute (about 0.19 m), times to the hundredth of a second.
/// Thread-safe (stateless).
/// </summary>
public static class NmeaEncoder
{
    private const double KnotsPerMetrePerSecond = 3600.0 / 1852.0;

    public static DeviceMessage Encode(string deviceId, Fix fix) =>
        new(deviceId, DeviceProtocol.Nmea, TopicRouter.NmeaTopic(deviceId), Encoding.ASCII.GetBytes(Sentences(fix)));

    /// <summary>The RMC and GGA sentences of one fix, each ended by CR LF.</summary>
    public static string Sentences(Fix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        var time = fix.DeviceTime.UtcDateTime;
        var hhmmss = time.ToString("HHmmss.ff", CultureInfo.InvariantCulture);
        var date = time.ToString("ddMMyy", CultureInfo.InvariantCulture);
        var (latitude, north) = Coordinate(fix.Latitude, 2, 'N', 'S');
        var (longitude, east) = Coordinate(fix.Longitude, 3, 'E', 'W');
        var speed = fix.Speed is { } s ? (s * KnotsPerMetrePerSecond).ToString("0.00", CultureInfo.InvariantCulture) : "";
        var course = fix.Heading is { } h ? (h % 360).ToString("0.0", CultureInfo.InvariantCulture) : "";
        var rmc = string.Create(CultureInfo.InvariantCulture, $"GPRMC,{hhmmss},A,{latitude},{north},{longitude},{east},{speed},{course},{date},,,A");

        var satellites = (fix.Satellites ?? 8).ToString("00", CultureInfo.InvariantCulture);
        var hdop = (fix.Hdop ?? 1.0).ToString("0.0", CultureInfo.InvariantCulture);
        var altitude = fix.Altitude is { } a ? a.ToString("0.0", CultureInfo.InvariantCulture) : "";
        var altitudeUnit = fix.Altitude is null ? "" : "M";
        var gga = string.Create(CultureInfo.InvariantCulture, $"GPGGA,{hhmmss},{latitude},{north},{longitude},{east},1,{satellites},{hdop},{altitude},{altitudeUnit},47.0,M,,");
        return Sentence(rmc) + Sentence(gga);
    }

    /// <summary><c>$</c> + body + <c>*hh</c> + CR LF, hh being the XOR of every byte of the body (NMEA 0183 §5.2.1).</summary>
    public static string Sentence(string body) =>
        string.Create(CultureInfo.InvariantCulture, $"${body}*{Checksum(body):X2}\r\n");

    /// <summary>The XOR of the characters between <c>$</c> and <c>*</c>.</summary>
    public static byte Checksum(ReadOnlySpan<char> body)
    {
        byte sum = 0;
        foreach (var c in body)
        {
            sum ^= (byte)c;
        }

        return sum;
    }

    /// <summary>Degrees as <c>ddmm.mmmm</c> (or <c>dddmm.mmmm</c>) and the hemisphere letter.</summary>
    private static (string Value, char Hemisphere) Coordinate(double degrees, int degreeDigits, char positive, char negative)
    {
        var hemisphere = degrees < 0 ? negative : positive;
        // Work in 1/10,000 of a minute, so rounding 59.99995 up carries into the degrees instead of printing 60.0000.
        var units = (long)Math.Round(Math.Abs(degrees) * 60 * 10_000, MidpointRounding.AwayFromZero);
        var whole = units / (60 * 10_000);
        var minutes = units % (60 * 10_000);
        var text = whole.ToString(new string('0', degreeDigits), CultureInfo.InvariantCulture)
            + (minutes / 10_000).ToString("00", CultureInfo.InvariantCulture)
            + "." + (minutes % 10_000).ToString("0000", CultureInfo.InvariantCulture);
        return (text, hemisphere);
    }
}
