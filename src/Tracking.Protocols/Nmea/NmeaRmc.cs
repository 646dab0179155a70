using Tracking.Core.Validation;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// RMC, recommended minimum specific GNSS data. Fields (NMEA 0183 2.0 to 4.11): 1 UTC time hhmmss.ss, 2 status
/// (A valid, V navigation receiver warning), 3–4 latitude ddmm.mmmm and N/S, 5–6 longitude dddmm.mmmm and E/W,
/// 7 speed over ground in knots, 8 course over ground in degrees true, 9 date ddmmyy, 10–11 magnetic variation and E/W,
/// 12 mode indicator (2.3 and later), 13 navigational status (4.1 and later). Only fields 1–9 are read, so the 11-,
/// 12- and 13-field forms of the versions (and receivers that drop a field after the date) decode alike; the status
/// field alone says whether there is a fix. Pure and thread-safe.
/// </summary>
internal static class NmeaRmc
{
    /// <summary>
    /// Reads the data fields; returns the rejection when the sentence is unusable, else null and the position.
    /// <paramref name="referenceYear"/> is the receive year, which picks the century of the two-digit year.
    /// </summary>
    public static Rejection? Read(ref NmeaFieldReader fields, int referenceYear, out NmeaPosition position)
    {
        position = new NmeaPosition { IsRmc = true, Partner = -1 };
        var time = fields.Next();
        var status = fields.Next();
        if (status.IsEmpty)
        {
            return new Rejection(RejectionReason.MissingField, "RMC status (field 2) is empty");
        }

        if (status.Length == 1 && status[0] == (byte)'V')
        {
            // The time, when a receiver gives it with V, lets a GGA of the same time fall with this RMC.
            position.HasTime = NmeaFieldParser.TryParseTimeOfDay(time, out position.TimeOfDay);
            position.NoFix = "RMC status is V (navigation receiver warning): no fix";
            return null;
        }

        if (status.Length != 1 || status[0] != (byte)'A')
        {
            return new Rejection(RejectionReason.InvalidField, "RMC status (field 2) must be A or V");
        }

        if (time.IsEmpty)
        {
            return new Rejection(RejectionReason.MissingField, "RMC time (field 1) is empty");
        }

        if (!NmeaFieldParser.TryParseTimeOfDay(time, out position.TimeOfDay))
        {
            return new Rejection(RejectionReason.InvalidField, "RMC time (field 1) must be hhmmss or hhmmss.sss from 000000 to 235959");
        }

        position.HasTime = true;
        switch (NmeaCoordinate.TryRead(fields.Next(), fields.Next(), (byte)'N', (byte)'S', out position.Latitude))
        {
            case NmeaCoordinate.Outcome.ValueEmpty:
                return new Rejection(RejectionReason.MissingField, "RMC latitude (field 3) is empty");
            case NmeaCoordinate.Outcome.ValueInvalid:
                return new Rejection(RejectionReason.InvalidField, "RMC latitude (field 3) must be ddmm.mmmm with minutes below 60");
            case NmeaCoordinate.Outcome.HemisphereEmpty:
                return new Rejection(RejectionReason.MissingField, "RMC latitude hemisphere (field 4) is empty");
            case NmeaCoordinate.Outcome.HemisphereInvalid:
                return new Rejection(RejectionReason.InvalidField, "RMC latitude hemisphere (field 4) must be N or S");
            default:
                break;
        }

        switch (NmeaCoordinate.TryRead(fields.Next(), fields.Next(), (byte)'E', (byte)'W', out position.Longitude))
        {
            case NmeaCoordinate.Outcome.ValueEmpty:
                return new Rejection(RejectionReason.MissingField, "RMC longitude (field 5) is empty");
            case NmeaCoordinate.Outcome.ValueInvalid:
                return new Rejection(RejectionReason.InvalidField, "RMC longitude (field 5) must be dddmm.mmmm with minutes below 60");
            case NmeaCoordinate.Outcome.HemisphereEmpty:
                return new Rejection(RejectionReason.MissingField, "RMC longitude hemisphere (field 6) is empty");
            case NmeaCoordinate.Outcome.HemisphereInvalid:
                return new Rejection(RejectionReason.InvalidField, "RMC longitude hemisphere (field 6) must be E or W");
            default:
                break;
        }

        var speed = fields.Next();
        if (!speed.IsEmpty)
        {
            if (!NmeaFieldParser.TryParseDecimal(speed, signed: false, out var knots))
            {
                return new Rejection(RejectionReason.InvalidField, "RMC speed over ground (field 7) must be a number of knots");
            }

            position.SpeedKnots = knots;
        }

        var course = fields.Next();
        if (!course.IsEmpty)
        {
            if (!NmeaFieldParser.TryParseDecimal(course, signed: false, out var degrees))
            {
                return new Rejection(RejectionReason.InvalidField, "RMC course over ground (field 8) must be a number of degrees");
            }

            position.Course = degrees;
        }

        var date = fields.Next();
        if (date.IsEmpty)
        {
            return new Rejection(RejectionReason.MissingField, "RMC date (field 9) is empty");
        }

        if (!NmeaFieldParser.TryParseDate(date, out var day, out var month, out var twoDigitYear))
        {
            return new Rejection(RejectionReason.InvalidField, "RMC date (field 9) must be ddmmyy");
        }

        var year = NmeaConversions.ResolveTwoDigitYear(twoDigitYear, referenceYear);
        if (year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month))
        {
            return new Rejection(RejectionReason.InvalidField, "RMC date (field 9) is not a calendar date");
        }

        position.Date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc).Ticks;
        return null;
    }
}
