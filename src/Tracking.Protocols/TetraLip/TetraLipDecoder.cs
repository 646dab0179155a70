using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.TetraLip;

/// <summary>
/// Decodes TETRA Location Information Protocol reports (ETSI TS 100 392-18-1; clause numbers as in V1.6/V1.7) as a
/// TETRA gateway forwards them from a radio's short data, on <c>tracking/{issi}/lip</c>: the PDU's bytes, or the same as
/// hex text (either case, surrounding whitespace allowed, as printed after <c>+CTSDSR</c> on a radio's PEI), with or
/// without the leading protocol identifier 0x0A. The PDU need not fill whole bytes, and bits after a complete PDU are
/// not read: the padding after a 76-bit short report, the optional elements after a long report's mandatory ones.
/// <para>
/// Decoded: the short location report (§6.2.1, PDU type 0) and the long location report (§6.2.2, PDU type 1 with
/// extension 3) with location shapes point, circle, ellipse, point with altitude, circle or ellipse with altitude, and
/// with altitude and altitude uncertainty, and point with position error. Other PDUs and shapes are refused as
/// <see cref="RejectionReason.UnsupportedMessage"/>; a cut-off PDU as <see cref="RejectionReason.MissingField"/> and a
/// reserved value as <see cref="RejectionReason.InvalidField"/>, the detail naming the field.
/// </para>
/// <para>
/// The fix's time: a long report's time of position (day of month, hour, minute, second, UTC) completed to the date
/// nearest the receive time. Otherwise (short report, or a long report with time elapsed or no time) the receive time:
/// the radio's time-elapsed class (less than 5 s, 5 min or 30 min, or not known) only bounds how much older the
/// position may be, and a <see cref="Fix"/> has no field for that uncertainty.
/// Accuracy is the upper bound of the position error class, the radius of the uncertainty circle or the half major
/// axis of the ellipse, in metres; speed in m/s; heading in degrees; altitude in metres above the WGS84 ellipsoid
/// (null when the radio uses its user-defined altitude reference). The reason for sending "emergency condition is
/// detected" sets <see cref="Fix.Emergency"/>.
/// </para>
/// Syntax and the standard's codes only: ranges and clocks are checked by <see cref="FixValidator"/>. Pure and thread-safe.
/// </summary>
public static class TetraLipDecoder
{
    /// <summary>Largest accepted payload: an SDS type 4 carries at most 2 047 bits, 512 hex digits.</summary>
    public const int MaxPayloadBytes = 1024;

    private const int ReadAhead = sizeof(ulong);

    /// <summary>Appends one fix to <paramref name="fixes"/>, or one named rejection to <paramref name="rejections"/>.</summary>
    public static void Decode(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        if (payload.Length > MaxPayloadBytes)
        {
            rejections.Add(new Rejection(RejectionReason.PayloadTooLarge, "payload is larger than 1024 bytes"));
            return;
        }

        if (payload.IsEmpty)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "pdu type: the payload is empty"));
            return;
        }

        // The PDU is copied into a buffer 8 bytes longer than it, so every field is read with one 64-bit load.
        var text = payload[Ascii.Trim(payload)];
        if (LipFraming.IsHexText(text))
        {
            Span<byte> bytes = stackalloc byte[((text.Length + 1) / 2) + ReadAhead];
            LipFraming.DecodeHex(text, bytes);
            DecodePdu(bytes, text.Length * 4, context, fixes, rejections);
        }
        else if (text.IsEmpty)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, "pdu type: the payload is only whitespace"));
        }
        else if (LipFraming.IsSpacedHexText(text))
        {
            rejections.Add(new Rejection(RejectionReason.InvalidField, "payload: hex text must not have whitespace between its digits"));
        }
        else
        {
            Span<byte> bytes = stackalloc byte[payload.Length + ReadAhead];
            payload.CopyTo(bytes);
            DecodePdu(bytes, payload.Length * 8, context, fixes, rejections);
        }
    }

    private static void DecodePdu(ReadOnlySpan<byte> data, int bitLength, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        var reader = new LipFieldReader(data, bitLength);
        if (LipFraming.StartsWithProtocolIdentifier(data, bitLength))
        {
            reader.Skip(LipFraming.ProtocolIdentifierBits, "protocol identifier");
        }

        // §6.3.61 PDU type, 2 bits: 0 short location report, 1 location protocol PDU with extension, 2–3 reserved.
        var pduType = reader.Read(2, "pdu type");
        if (reader.Rejection is { } rejection)
        {
            rejections.Add(rejection);
            return;
        }

        switch (pduType)
        {
            case 0:
                DecodeShortReport(ref reader, context, fixes, rejections);
                return;
            case 1:
                // §6.3.62 PDU type extension, 4 bits: 3 is the long location report.
                var extension = reader.Read(4, "pdu type extension");
                if (reader.Rejection is { } truncated)
                {
                    rejections.Add(truncated);
                }
                else if (extension == 3)
                {
                    DecodeLongReport(ref reader, context, fixes, rejections);
                }
                else if (LipCodes.PduTypeExtensionName(extension) is { } name)
                {
                    rejections.Add(new Rejection(RejectionReason.UnsupportedMessage, $"pdu type extension: {name} ({extension}) carries no position and is not decoded"));
                }
                else
                {
                    rejections.Add(new Rejection(RejectionReason.InvalidField, $"pdu type extension: reserved code {extension}"));
                }

                return;
            default:
                rejections.Add(new Rejection(RejectionReason.InvalidField, $"pdu type: reserved code {pduType}"));
                return;
        }
    }

    /// <summary>§6.2.1 Short location report: the 74 bits after the PDU type.</summary>
    private static void DecodeShortReport(ref LipFieldReader reader, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        reader.Skip(2, "time elapsed");                                 // §6.3.78, 2 bits: < 5 s, < 5 min, < 30 min, not known (all defined)
        var longitude = reader.ReadSigned(25, "longitude");             // §6.3.50, 25 bits two's complement, × 360/2^25 degrees
        var latitude = reader.ReadSigned(24, "latitude");               // §6.3.30, 24 bits two's complement, × 180/2^24 degrees
        var positionError = reader.Read(3, "position error");           // §6.3.63, 3 bits: class, its upper bound in metres
        var velocity = reader.Read(7, "horizontal velocity");           // §6.3.17, 7 bits: km/h code, 127 not known
        var direction = reader.Read(4, "direction of travel");          // §6.3.5, 4 bits: × 22.5 degrees
        var emergency = ReadAdditionalData(ref reader);                 // §6.3.87 + §6.3.64, 1 + 8 bits
        if (reader.Rejection is { } rejection)
        {
            rejections.Add(rejection);
            return;
        }

        var speed = LipCodes.HorizontalVelocity(velocity);
        fixes.Add(new Fix
        {
            DeviceId = context.DeviceId,
            DeviceTime = context.ReceivedAt,
            Latitude = Latitude(latitude),
            Longitude = Longitude(longitude),
            Speed = speed,
            Heading = DirectionOfTravel(direction, speed),
            Accuracy = LipCodes.PositionErrorMetres(positionError),
            Emergency = emergency,
            Source = FixSource.TetraLip,
            ReceivedAt = context.ReceivedAt,
        });
    }

    /// <summary>§6.2.2 Long location report: the fields after the PDU type and its extension.</summary>
    private static void DecodeLongReport(ref LipFieldReader reader, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        var deviceTime = ReadTimeData(ref reader, context.ReceivedAt);

        // §6.3.49 Location shape, 4 bits.
        var shape = reader.Read(4, "location shape");
        if (!reader.Failed)
        {
            RefuseUndecodedShape(ref reader, shape);
        }

        var longitude = reader.ReadSigned(25, "longitude");             // §6.3.50, 25 bits two's complement, × 360/2^25 degrees
        var latitude = reader.ReadSigned(24, "latitude");               // §6.3.30, 24 bits two's complement, × 180/2^24 degrees
        double? accuracy = null;
        double? altitude = null;
        switch (shape)
        {
            case 2: // location circle
                accuracy = LipCodes.HorizontalUncertaintyMetres(reader.Read(6, "horizontal position uncertainty"));
                break;
            case 3: // location ellipse
                accuracy = ReadEllipse(ref reader);
                reader.Skip(3, "confidence level");
                break;
            case 4: // location point with altitude
                altitude = ReadAltitude(ref reader);
                break;
            case 5: // location circle with altitude
                accuracy = LipCodes.HorizontalUncertaintyMetres(reader.Read(6, "horizontal position uncertainty"));
                altitude = ReadAltitude(ref reader);
                break;
            case 6: // location ellipse with altitude
                accuracy = ReadEllipse(ref reader);
                altitude = ReadAltitude(ref reader);
                reader.Skip(3, "confidence level");
                break;
            case 7: // location circle with altitude and altitude uncertainty
                accuracy = LipCodes.HorizontalUncertaintyMetres(reader.Read(6, "horizontal position uncertainty"));
                altitude = ReadAltitude(ref reader);
                reader.Skip(3, "altitude uncertainty");
                break;
            case 8: // location ellipse with altitude and altitude uncertainty
                accuracy = ReadEllipse(ref reader);
                altitude = ReadAltitude(ref reader);
                reader.Skip(3, "altitude uncertainty");
                reader.Skip(3, "confidence level");
                break;
            case 10: // location point and position error, §6.3.63, 3 bits
                accuracy = LipCodes.PositionErrorMetres(reader.Read(3, "position error"));
                break;
            default: // 1, location point: nothing after latitude (a refused shape has already failed the reader)
                break;
        }

        var (speed, heading) = ReadVelocityData(ref reader);
        reader.Skip(1, "acknowledgement request");                      // §6.3.1, 1 bit
        var emergency = ReadAdditionalData(ref reader);                 // §6.3.87 + §6.3.64, 1 + 8 bits
        if (reader.Rejection is { } rejection)
        {
            rejections.Add(rejection);
            return;
        }

        fixes.Add(new Fix
        {
            DeviceId = context.DeviceId,
            DeviceTime = deviceTime,
            Latitude = Latitude(latitude),
            Longitude = Longitude(longitude),
            Speed = speed,
            Heading = heading,
            Accuracy = accuracy,
            Altitude = altitude,
            Emergency = emergency,
            Source = FixSource.TetraLip,
            ReceivedAt = context.ReceivedAt,
        });
    }

    /// <summary>§6.3.81 Time type, 2 bits, and the time data it announces.</summary>
    private static DateTimeOffset ReadTimeData(ref LipFieldReader reader, DateTimeOffset receivedAt)
    {
        switch (reader.Read(2, "time type"))
        {
            case 0: // none
                return receivedAt;
            case 1: // §6.3.78 time elapsed, 2 bits: a bound on the age, not a time
                reader.Skip(2, "time elapsed");
                return receivedAt;
            case 2: // §6.3.79 time of position, 22 bits
                var day = reader.Read(5, "time of position day");        // 5 bits: 1–31, 0 reserved
                var hour = reader.Read(5, "time of position hour");      // 5 bits: 0–23, 24–31 reserved
                var minute = reader.Read(6, "time of position minute");  // 6 bits: 0–59, 60–63 reserved
                var second = reader.Read(6, "time of position second");  // 6 bits: 0–59, 60–63 reserved
                if (reader.Failed)
                {
                    return receivedAt;
                }

                if (day == 0)
                {
                    reader.Refuse(RejectionReason.InvalidField, "time of position day: reserved code 0");
                }
                else if (hour > 23)
                {
                    reader.Refuse(RejectionReason.InvalidField, $"time of position hour: reserved code {hour}");
                }
                else if (minute > 59)
                {
                    reader.Refuse(RejectionReason.InvalidField, $"time of position minute: reserved code {minute}");
                }
                else if (second > 59)
                {
                    reader.Refuse(RejectionReason.InvalidField, $"time of position second: reserved code {second}");
                }
                else
                {
                    return TimeOfPosition.Resolve((int)day, (int)hour, (int)minute, (int)second, receivedAt);
                }

                return receivedAt;
            default:
                reader.Refuse(RejectionReason.InvalidField, "time type: reserved code 3");
                return receivedAt;
        }
    }

    private static void RefuseUndecodedShape(ref LipFieldReader reader, uint shape)
    {
        if (shape is >= 1 and <= 8 or 10)
        {
            return;
        }

        if (LipCodes.LocationShapeName(shape) is { } name)
        {
            var why = shape == 0 ? "the report carries no position" : "its position is not decoded";
            reader.Refuse(RejectionReason.UnsupportedMessage, $"location shape: {name} ({shape}), {why}");
        }
        else
        {
            reader.Refuse(RejectionReason.InvalidField, $"location shape: reserved code {shape}");
        }
    }

    /// <summary>Half of major axis, half of minor axis (6 bits each, as the uncertainty) and angle (8 bits): the half major axis is the accuracy.</summary>
    private static double? ReadEllipse(ref LipFieldReader reader)
    {
        var major = reader.Read(6, "half of major axis");
        reader.Skip(6, "half of minor axis");
        reader.Skip(8, "angle");
        return LipCodes.HorizontalUncertaintyMetres(major);
    }

    /// <summary>Altitude type (1 bit: 0 above the WGS84 ellipsoid, 1 user-defined reference) and location altitude (11 bits).</summary>
    private static double? ReadAltitude(ref LipFieldReader reader)
    {
        var type = reader.Read(1, "altitude type");
        var code = reader.Read(11, "location altitude");
        if (reader.Failed)
        {
            return null;
        }

        if (code == 0)
        {
            reader.Refuse(RejectionReason.InvalidField, "location altitude: reserved code 0");
            return null;
        }

        // A user-defined reference is known to the radio's owner, not to us: keep the fix, not a height above an unknown datum.
        return type == 0 ? LipCodes.AltitudeMetres(code) : null;
    }

    /// <summary>§6.3.90 Velocity type, 3 bits, and the velocity fields it announces; only horizontal speed and direction are kept.</summary>
    private static (double? Speed, double? Heading) ReadVelocityData(ref LipFieldReader reader)
    {
        var type = reader.Read(3, "velocity type");
        if (type == 0)
        {
            return (null, null);                                          // no velocity information
        }

        var speed = LipCodes.HorizontalVelocity(reader.Read(7, "horizontal velocity"));  // §6.3.17, 7 bits
        uint? direction = null;
        switch (type)
        {
            case 2: // horizontal velocity with uncertainty
                reader.Skip(3, "horizontal velocity uncertainty");
                break;
            case 3: // horizontal and vertical velocity
                reader.Skip(8, "vertical velocity");                      // 1-bit direction + 7-bit speed code
                break;
            case 4: // horizontal and vertical velocity with uncertainty
                reader.Skip(3, "horizontal velocity uncertainty");
                reader.Skip(8, "vertical velocity");
                reader.Skip(3, "vertical velocity uncertainty");
                break;
            case 5: // horizontal velocity with direction of travel extended
                direction = reader.Read(8, "direction of travel extended");  // §6.3.6, 8 bits × 360/256 degrees
                break;
            case 6: // horizontal velocity with direction of travel extended and uncertainty
                reader.Skip(3, "horizontal velocity uncertainty");
                direction = reader.Read(8, "direction of travel extended");
                reader.Skip(3, "direction of travel uncertainty");
                break;
            case 7: // horizontal and vertical velocity with direction of travel extended and uncertainty
                reader.Skip(3, "horizontal velocity uncertainty");
                reader.Skip(8, "vertical velocity");
                reader.Skip(3, "vertical velocity uncertainty");
                direction = reader.Read(8, "direction of travel extended");
                reader.Skip(3, "direction of travel uncertainty");
                break;
            default: // 1, horizontal velocity only
                break;
        }

        return (speed, direction is { } code ? LipCodes.DirectionOfTravelExtendedDegrees(code) : null);
    }

    /// <summary>
    /// §6.3.87 Type of additional data (1 bit) and the 8 bits it announces: a reason for sending (§6.3.64), whose
    /// reserved codes are refused, or user-defined data, which is not ours to interpret. True for an emergency.
    /// </summary>
    private static bool ReadAdditionalData(ref LipFieldReader reader)
    {
        if (reader.Read(1, "type of additional data") == 1)
        {
            reader.Skip(8, "user defined data");
            return false;
        }

        var reason = reader.Read(8, "reason for sending");
        if (reader.Failed)
        {
            return false;
        }

        if (!LipCodes.IsDefinedReasonForSending(reason))
        {
            reader.Refuse(RejectionReason.InvalidField, $"reason for sending: reserved code {reason}");
            return false;
        }

        return reason == LipCodes.EmergencyConditionDetected;
    }

    /// <summary>
    /// §6.3.5 Direction of travel. Code 15 is both NNW and "direction of travel is not known"; radios send it when they
    /// have no course (every real report we have with speed not known carries 15). It is read as 337.5° only when the
    /// radio reports a speed above 0, and as no heading otherwise.
    /// </summary>
    private static double? DirectionOfTravel(uint code, double? speed) =>
        code != LipCodes.DirectionOfTravelNnwOrUnknown || speed > 0 ? LipCodes.DirectionOfTravelDegrees(code) : null;

    private static double Latitude(int code) => code * (180.0 / (1 << 24));

    private static double Longitude(int code) => code * (360.0 / (1 << 25));
}
