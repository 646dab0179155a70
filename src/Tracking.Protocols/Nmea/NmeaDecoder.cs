using System.Buffers;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.Nmea;

/// <summary>
/// Decodes NMEA 0183 (topic <c>tracking/{deviceId}/nmea</c>): one message holds one or more sentences as a receiver
/// prints them, separated by CR LF or LF. Device id and receive time come from the <see cref="DecodeContext"/>.
/// Syntax and the receiver's own fix status only: ranges, 0,0, clocks and speed are checked by <see cref="FixValidator"/>.
/// Pure and thread-safe; allocates nothing but the fixes and rejections it appends (and a pooled array for a message
/// of more than 8 position sentences).
/// <list type="bullet">
/// <item><b>Framing</b> (<see cref="NmeaSentenceReader"/>): a sentence runs from <c>$</c> to CR, LF, the next <c>$</c> or the end;
/// blank lines, surrounding whitespace and bytes outside sentences are skipped, as a listener resynchronises on <c>$</c>.</item>
/// <item><b>Checksum</b>: every sentence, of any type, must end in <c>*hh</c> equal to the XOR of the bytes between <c>$</c>
/// and <c>*</c> (hex digits of either case); the sentence type is itself under the checksum, so a corrupt sentence's type
/// cannot be trusted. Mismatch or a malformed <c>*hh</c> → <see cref="RejectionReason.BadChecksum"/>. No <c>*</c> at all
/// → <see cref="RejectionReason.MissingField"/> "checksum": the standard makes it optional for a few sentences, but every
/// tracker sends it and a truncated sentence looks exactly like one without it, so refusing is the safe reading.</item>
/// <item><b>Sentences</b>: RMC gives position, speed (knots → m/s), course, date and time; GGA gives altitude (above mean sea
/// level, metres), satellites in use and HDOP. Talkers accepted for both: the GNSS ones, GP (GPS), GL (GLONASS),
/// GA (Galileo), GB and BD (BeiDou, NMEA 4.11 and the older Chinese talker), GQ and QZ (QZSS), GI (NavIC) and GN
/// (multi-constellation). RMC or GGA from any other talker (II, EC…) → <see cref="RejectionReason.UnsupportedMessage"/>.
/// Every other well-formed sentence (GSA, GSV, VTG, GLL, ZDA, proprietary <c>$P…</c>) is ignored without a rejection.
/// An address that is not two upper-case talker characters and a three-letter formatter → <see cref="RejectionReason.InvalidField"/>.</item>
/// <item><b>Merging</b>: an RMC and a GGA with the same UTC time (equal to the 100 ns tick, so <c>123519</c> matches
/// <c>123519.00</c>) in the same message, in either order, make one fix: the RMC's position, time, speed and course
/// with the GGA's altitude, satellites and HDOP. Each RMC takes the first unmerged GGA of its time.</item>
/// <item><b>GGA without an RMC of its time</b> is a fix of its own (no speed or course), dated on the UTC day that puts
/// its time nearest the receive time (<see cref="NmeaConversions.NearestInstantWithTimeOfDay"/>). A lone GGA delivered
/// more than twelve hours late would be dated a day out: the price of a date the sentence does not carry, paid only by
/// devices that send no RMC; refusing it instead would lose every position of such a device.</item>
/// <item><b>No fix</b>: RMC status V, GGA quality 0, and GGA quality 7 (manual input) or 8 (simulator) →
/// <see cref="RejectionReason.NoFix"/>. An RMC and a GGA of the same time are judged together and refused once: if
/// either says no fix, the pair is one NoFix.</item>
/// <item><b>Dates</b>: the two-digit year is the one nearest the receive year (<see cref="NmeaConversions.ResolveTwoDigitYear"/>),
/// so 99 → 1999 and 00 → 2000 today. Times keep their fraction to the 100 ns tick; a leap second (ss = 60) is refused.</item>
/// <item><b>Fields</b>: only RMC fields 1–9 are read, so the NMEA 2.0 (11 fields), 2.3 (12, mode) and 4.1 (13, navigational
/// status) forms all decode. Empty speed, course, satellites, HDOP or altitude → null. An empty or truncated required
/// field → <see cref="RejectionReason.MissingField"/>, a malformed one → <see cref="RejectionReason.InvalidField"/>, with the
/// sentence and field named. Latitude and longitude are read as written, degrees before the last two integer digits
/// (3 to 5 integer digits, so missing leading zeros are tolerated), minutes below 60; hemispheres N/S and E/W in upper
/// case. Values out of range or implausible (latitude 95, course 360, 999 kn) are left to <see cref="FixValidator"/>.
/// Accuracy is left null: HDOP is not a distance.</item>
/// <item><b>A message without a usable sentence</b>: each bad sentence is one rejection and the good ones still decode. A
/// message that gives neither a fix nor a rejection (nothing but GSV and GSA, or no <c>$</c> at all) gets one
/// <see cref="RejectionReason.MissingField"/>, "no RMC or GGA sentence".</item>
/// </list>
/// </summary>
public static class NmeaDecoder
{
    /// <summary>
    /// Decodes one message. Each fix is appended to <paramref name="fixes"/> in sentence order, each refused sentence
    /// (or RMC+GGA pair) to <paramref name="rejections"/>. Never throws for any payload.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> payload, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        ArgumentNullException.ThrowIfNull(rejections);
        if (payload.Length > DeviceMessages.MaxPayloadBytes)
        {
            rejections.Add(new Rejection(RejectionReason.PayloadTooLarge, "payload is larger than 4096 bytes"));
            return;
        }

        var firstFix = fixes.Count;
        var firstRejection = rejections.Count;
        var sentences = 0;
        var buffer = default(NmeaPositionBuffer);
        Span<NmeaPosition> positions = buffer;
        NmeaPosition[]? rented = null;
        var count = 0;
        var referenceYear = context.ReceivedAt.UtcDateTime.Year;
        try
        {
            var reader = new NmeaSentenceReader(payload);
            while (reader.TryRead(out var body, out var checksum))
            {
                sentences++;
                if (ReadSentence(body, checksum, referenceYear, out var isPosition, out var position) is { } rejection)
                {
                    rejections.Add(rejection);
                }
                else if (isPosition)
                {
                    if (count == positions.Length)
                    {
                        positions = Grow(positions, ref rented);
                    }

                    positions[count++] = position;
                }
            }

            Emit(positions[..count], context, fixes, rejections);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<NmeaPosition>.Shared.Return(rented, clearArray: true);
            }
        }

        if (fixes.Count == firstFix && rejections.Count == firstRejection)
        {
            rejections.Add(new Rejection(RejectionReason.MissingField, sentences == 0
                ? "no RMC or GGA sentence: the message holds no NMEA sentence ($)"
                : "no RMC or GGA sentence: the message holds only other NMEA sentences"));
        }
    }

    /// <summary>
    /// Checks one sentence's checksum and address and reads it when it is an RMC or GGA. Returns the rejection, or null
    /// with <paramref name="isPosition"/> set and <paramref name="position"/> read, or null for a sentence to ignore.
    /// </summary>
    private static Rejection? ReadSentence(
        ReadOnlySpan<byte> body, NmeaChecksumStatus checksum, int referenceYear, out bool isPosition, out NmeaPosition position)
    {
        isPosition = false;
        position = default;
        switch (checksum)
        {
            case NmeaChecksumStatus.Missing:
                return new Rejection(RejectionReason.MissingField, "sentence has no checksum (*hh) or is truncated");
            case NmeaChecksumStatus.Malformed:
                return new Rejection(RejectionReason.BadChecksum, "checksum after * must be two hex digits");
            case NmeaChecksumStatus.Mismatch:
                return new Rejection(RejectionReason.BadChecksum, "checksum does not match the sentence");
            default:
                break;
        }

        var comma = body.IndexOf((byte)',');
        var address = comma < 0 ? body : body[..comma];
        if (address.Length > 0 && address[0] == (byte)'P')
        {
            return null; // proprietary ($PUBX, $PGRME, $PMTK…): a manufacturer's format, not ours to read
        }

        if (address.Length != 5 || !IsTalker(address[0]) || !IsTalker(address[1])
            || !char.IsAsciiLetterUpper((char)address[2]) || !char.IsAsciiLetterUpper((char)address[3]) || !char.IsAsciiLetterUpper((char)address[4]))
        {
            return new Rejection(RejectionReason.InvalidField, "sentence address must be a two-character talker and a three-letter sentence formatter");
        }

        var formatter = address[2..];
        var isRmc = formatter.SequenceEqual("RMC"u8);
        if (!isRmc && !formatter.SequenceEqual("GGA"u8))
        {
            return null; // GSA, GSV, VTG, GLL, ZDA…: recognised and not needed for a fix
        }

        if (!IsGnssTalker(address[..2]))
        {
            return new Rejection(RejectionReason.UnsupportedMessage, isRmc
                ? "RMC from a talker that is not a GNSS receiver (GP, GL, GA, GB, BD, GQ, QZ, GI, GN)"
                : "GGA from a talker that is not a GNSS receiver (GP, GL, GA, GB, BD, GQ, QZ, GI, GN)");
        }

        var fields = new NmeaFieldReader(comma < 0 ? default : body[(comma + 1)..], present: comma >= 0);
        isPosition = true;
        return isRmc
            ? NmeaRmc.Read(ref fields, referenceYear, out position)
            : NmeaGga.Read(ref fields, out position);
    }

    private static bool IsTalker(byte b) => char.IsAsciiLetterUpper((char)b) || char.IsAsciiDigit((char)b);

    private static bool IsGnssTalker(ReadOnlySpan<byte> talker) =>
        talker[0] switch
        {
            (byte)'G' => talker[1] is (byte)'P' or (byte)'L' or (byte)'A' or (byte)'B' or (byte)'Q' or (byte)'I' or (byte)'N',
            (byte)'B' => talker[1] == (byte)'D',
            (byte)'Q' => talker[1] == (byte)'Z',
            _ => false,
        };

    private static Span<NmeaPosition> Grow(Span<NmeaPosition> positions, ref NmeaPosition[]? rented)
    {
        var larger = ArrayPool<NmeaPosition>.Shared.Rent(positions.Length * 2);
        positions.CopyTo(larger);
        if (rented is not null)
        {
            ArrayPool<NmeaPosition>.Shared.Return(rented, clearArray: true);
        }

        rented = larger;
        return larger;
    }

    /// <summary>Pairs each RMC with a GGA of the same time, then appends a fix or a NoFix rejection per RMC, pair or lone GGA.</summary>
    private static void Emit(Span<NmeaPosition> positions, in DecodeContext context, List<Fix> fixes, List<Rejection> rejections)
    {
        for (var i = 0; i < positions.Length; i++)
        {
            ref var rmc = ref positions[i];
            if (!rmc.IsRmc || !rmc.HasTime)
            {
                continue;
            }

            for (var j = 0; j < positions.Length; j++)
            {
                ref var gga = ref positions[j];
                if (!gga.IsRmc && gga.HasTime && gga.Partner < 0 && gga.TimeOfDay == rmc.TimeOfDay)
                {
                    rmc.Partner = j;
                    gga.Partner = i;
                    break;
                }
            }
        }

        for (var i = 0; i < positions.Length; i++)
        {
            ref readonly var position = ref positions[i];
            if (position.IsRmc)
            {
                var hasGga = position.Partner >= 0;
                var noFix = position.NoFix ?? (hasGga ? positions[position.Partner].NoFix : null);
                if (noFix is not null)
                {
                    rejections.Add(new Rejection(RejectionReason.NoFix, noFix));
                }
                else
                {
                    fixes.Add(ToFix(position, hasGga ? positions[position.Partner] : default, hasGga, position.Date + position.TimeOfDay, context));
                }
            }
            else if (position.Partner < 0)
            {
                if (position.NoFix is not null)
                {
                    rejections.Add(new Rejection(RejectionReason.NoFix, position.NoFix));
                }
                else if (NmeaConversions.NearestInstantWithTimeOfDay(new TimeSpan(position.TimeOfDay), context.ReceivedAt) is { } time)
                {
                    fixes.Add(ToFix(position, position, hasGga: true, time.UtcTicks, context));
                }
                else
                {
                    rejections.Add(new Rejection(RejectionReason.InvalidField, "GGA time (field 1) has no date near the receive time"));
                }
            }
        }
    }

    private static Fix ToFix(in NmeaPosition position, in NmeaPosition gga, bool hasGga, long utcTicks, in DecodeContext context) => new()
    {
        DeviceId = context.DeviceId,
        DeviceTime = new DateTimeOffset(utcTicks, TimeSpan.Zero),
        Latitude = position.Latitude,
        Longitude = position.Longitude,
        Speed = position.SpeedKnots is { } knots ? SpeedConversions.KnotsToMetresPerSecond(knots) : null,
        Heading = position.Course,
        Altitude = hasGga ? gga.Altitude : null,
        Satellites = hasGga ? gga.Satellites : null,
        Hdop = hasGga ? gga.Hdop : null,
        Source = FixSource.Nmea,
        ReceivedAt = context.ReceivedAt,
    };
}
