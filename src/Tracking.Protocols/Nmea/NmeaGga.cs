using Tracking.Core.Validation;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// GGA, global positioning system fix data. Fields: 1 UTC time hhmmss.ss, 2–3 latitude and N/S, 4–5 longitude and
/// E/W, 6 quality indicator (0 invalid, 1 GPS, 2 differential, 3 PPS, 4 RTK fixed, 5 RTK float, 6 estimated/dead
/// reckoning, 7 manual input, 8 simulator), 7 satellites in use, 8 HDOP, 9 antenna altitude above mean sea level,
/// 10 its unit (M), 11–12 geoid separation and unit, 13 age of differential data, 14 reference station. Fields 11–14
/// are not read. Pure and thread-safe.
/// </summary>
internal static class NmeaGga
{
    /// <summary>Reads the data fields; returns the rejection when the sentence is unusable, else null and the position.</summary>
    public static Rejection? Read(ref NmeaFieldReader fields, out NmeaPosition position)
    {
        position = new NmeaPosition { IsRmc = false, Partner = -1 };
        var time = fields.Next();
        var latitude = fields.Next();
        var north = fields.Next();
        var longitude = fields.Next();
        var east = fields.Next();
        var quality = fields.Next();
        if (quality.IsEmpty)
        {
            return new Rejection(RejectionReason.MissingField, "GGA fix quality (field 6) is empty");
        }

        var noFix = quality.Length != 1 ? null : quality[0] switch
        {
            (byte)'0' => "GGA fix quality is 0 (invalid): no fix",
            // A typed-in or simulated position is not where the vehicle is; a control room must not see it as one.
            (byte)'7' => "GGA fix quality is 7 (manual input): not a measured position",
            (byte)'8' => "GGA fix quality is 8 (simulator): not a measured position",
            _ => null,
        };
        if (noFix is not null)
        {
            position.HasTime = NmeaFieldParser.TryParseTimeOfDay(time, out position.TimeOfDay);
            position.NoFix = noFix;
            return null;
        }

        if (quality.Length != 1 || quality[0] is < (byte)'1' or > (byte)'6')
        {
            return new Rejection(RejectionReason.InvalidField, "GGA fix quality (field 6) must be a digit 0-8");
        }

        if (time.IsEmpty)
        {
            return new Rejection(RejectionReason.MissingField, "GGA time (field 1) is empty");
        }

        if (!NmeaFieldParser.TryParseTimeOfDay(time, out position.TimeOfDay))
        {
            return new Rejection(RejectionReason.InvalidField, "GGA time (field 1) must be hhmmss or hhmmss.sss from 000000 to 235959");
        }

        position.HasTime = true;
        switch (NmeaCoordinate.TryRead(latitude, north, (byte)'N', (byte)'S', out position.Latitude))
        {
            case NmeaCoordinate.Outcome.ValueEmpty:
                return new Rejection(RejectionReason.MissingField, "GGA latitude (field 2) is empty");
            case NmeaCoordinate.Outcome.ValueInvalid:
                return new Rejection(RejectionReason.InvalidField, "GGA latitude (field 2) must be ddmm.mmmm with minutes below 60");
            case NmeaCoordinate.Outcome.HemisphereEmpty:
                return new Rejection(RejectionReason.MissingField, "GGA latitude hemisphere (field 3) is empty");
            case NmeaCoordinate.Outcome.HemisphereInvalid:
                return new Rejection(RejectionReason.InvalidField, "GGA latitude hemisphere (field 3) must be N or S");
            default:
                break;
        }

        switch (NmeaCoordinate.TryRead(longitude, east, (byte)'E', (byte)'W', out position.Longitude))
        {
            case NmeaCoordinate.Outcome.ValueEmpty:
                return new Rejection(RejectionReason.MissingField, "GGA longitude (field 4) is empty");
            case NmeaCoordinate.Outcome.ValueInvalid:
                return new Rejection(RejectionReason.InvalidField, "GGA longitude (field 4) must be dddmm.mmmm with minutes below 60");
            case NmeaCoordinate.Outcome.HemisphereEmpty:
                return new Rejection(RejectionReason.MissingField, "GGA longitude hemisphere (field 5) is empty");
            case NmeaCoordinate.Outcome.HemisphereInvalid:
                return new Rejection(RejectionReason.InvalidField, "GGA longitude hemisphere (field 5) must be E or W");
            default:
                break;
        }

        var satellites = fields.Next();
        if (!satellites.IsEmpty)
        {
            if (!NmeaFieldParser.TryParseCount(satellites, out var count))
            {
                return new Rejection(RejectionReason.InvalidField, "GGA satellites in use (field 7) must be a whole number");
            }

            position.Satellites = count;
        }

        var hdop = fields.Next();
        if (!hdop.IsEmpty)
        {
            if (!NmeaFieldParser.TryParseDecimal(hdop, signed: false, out var dilution))
            {
                return new Rejection(RejectionReason.InvalidField, "GGA HDOP (field 8) must be a number");
            }

            position.Hdop = dilution;
        }

        var altitude = fields.Next();
        var unit = fields.Next();
        if (!altitude.IsEmpty)
        {
            if (!NmeaFieldParser.TryParseDecimal(altitude, signed: true, out var metres))
            {
                return new Rejection(RejectionReason.InvalidField, "GGA altitude (field 9) must be a number of metres");
            }

            if (!unit.IsEmpty && !(unit.Length == 1 && unit[0] == (byte)'M'))
            {
                return new Rejection(RejectionReason.InvalidField, "GGA altitude unit (field 10) must be M");
            }

            position.Altitude = metres;
        }

        return null;
    }
}
