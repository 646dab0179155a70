using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.TetraLip;

namespace Tracking.Protocols.Tests.TetraLip;

/// <summary>
/// Real payloads are quoted with their source. Every other payload is built bit by bit from ETSI TS 100 392-18-1 with
/// <see cref="LipPdu"/> and <see cref="LongReport"/>, and its expected values are worked out here from the standard's
/// scales and formulas. Unless a test says otherwise the radio is ISSI 2350017 and the report arrives at
/// 2024-03-01T12:00:02.5Z.
/// </summary>
public sealed partial class TetraLipDecoderTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 1, 12, 0, 2, 500, TimeSpan.Zero);
    private static readonly DecodeContext Context = new("2350017", ReceivedAt);

    // The standard's scales, from §6.3.30, §6.3.50 and §6.3.17.
    private static readonly double LeicesterLatitude = LipPdu.LatitudeOf(LipPdu.LatitudeCode(LipPdu.LeicesterLatitude));
    private static readonly double LeicesterLongitude = LipPdu.LongitudeOf(LipPdu.LongitudeCode(LipPdu.LeicesterLongitude));

    private static double KilometresPerHour(int code) => code <= 28 ? code : 16 * Math.Pow(1 + 0.038, code - 13) + 0;

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(byte[] payload) => Decode(payload, Context);

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(byte[] payload, DecodeContext context)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        TetraLipDecoder.Decode(payload, context, fixes, rejections);
        return (fixes, rejections);
    }

    private static Fix DecodeOne(byte[] payload) => DecodeOne(payload, Context);

    private static Fix DecodeOne(byte[] payload, DecodeContext context)
    {
        var (fixes, rejections) = Decode(payload, context);
        Assert.Empty(rejections);
        return Assert.Single(fixes);
    }

    private static Fix DecodeOne(BitWriter pdu) => DecodeOne(pdu.ToBytes());

    private static Fix DecodeOne(string text) => DecodeOne(Encoding.ASCII.GetBytes(text));

    private static Rejection DecodeRejected(byte[] payload, RejectionReason reason, string field)
    {
        var (fixes, rejections) = Decode(payload);
        Assert.Empty(fixes);
        var rejection = Assert.Single(rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.StartsWith(field + ":", rejection.Detail, StringComparison.Ordinal);
        return rejection;
    }

    private static Rejection DecodeRejected(BitWriter pdu, RejectionReason reason, string field) => DecodeRejected(pdu.ToBytes(), reason, field);

    private static Rejection DecodeRejected(string text, RejectionReason reason, string field) =>
        DecodeRejected(Encoding.ASCII.GetBytes(text), reason, field);

    // ---- Real payloads ----------------------------------------------------------------------------------------------

    // Source of the next four: SvxLink (github.com/sm0svx/svxlink), src/svxlink/svxlink/TetraLib.h, the comment in
    // handleLipSds, which lists the PEI user data (hex after +CTSDSR) of reports from real radios:
    //   "0A0088BD4247F737FFE810 - short position report PDU"
    //   "0A4E73DDA841F55809493CC081 - long position report PDU"
    //   "+CTSDSR: 12,2269001,0,9999,0,84 / 0A112853A9FF4D4FFFE810 - from YO9ION (Motorola MTP6650+MTM800E)"
    //   "0A0BA7D5B95BC50AFFE16 - from N5UWU (Sepura SEG3900 and STP9240)"
    // The fields were read out by hand against §6.2.1 and §6.2.2; the codes are in each test.

    [Theory]
    [InlineData("0A0088BD4247F737FFE810")]
    [InlineData("0a0088bd4247f737ffe810")]
    [InlineData(" 0A0088BD4247F737FFE810\r\n")]
    public void A_real_short_report_in_pei_hex_decodes_to_its_position_in_germany(string text)
    {
        // 0x0A, then: PDU type 0, time elapsed 0 (< 5 s), longitude 0x1117A8, latitude 0x48FEE6, position error 7 (not
        // known), horizontal velocity 127 (not known), direction 15, reason for sending 129 (maximum reporting
        // interval exceeded), and 4 padding bits: 88 bits for a 76-bit PDU.
        var fix = DecodeOne(text);

        Assert.Equal(new Fix
        {
            DeviceId = "2350017",
            DeviceTime = ReceivedAt,
            Latitude = 0x48FEE6 * 180.0 / (1 << 24),
            Longitude = 0x1117A8 * 360.0 / (1 << 25),
            Speed = null,
            Heading = null,
            Accuracy = null,
            Altitude = null,
            Emergency = false,
            Source = FixSource.TetraLip,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.Equal(51.32510, fix.Latitude, 5);
        Assert.Equal(12.01810, fix.Longitude, 5);
    }

    [Fact]
    public void The_same_real_short_report_as_binary_bytes_decodes_the_same()
    {
        var fromHex = DecodeOne("0A0088BD4247F737FFE810");

        var fromBinary = DecodeOne(Convert.FromHexString("0A0088BD4247F737FFE810"));

        Assert.Equal(fromHex, fromBinary);
    }

    [Fact]
    public void A_real_short_report_from_a_motorola_radio_in_romania_decodes()
    {
        // YO9ION's MTP6650: time elapsed 1 (< 5 min), longitude 0x250A75, latitude 0x3FE9A9, position error 7,
        // velocity 127, direction 15, reason 129. The PEI announced 84 bits but printed 22 digits (88 bits).
        var fix = DecodeOne("0A112853A9FF4D4FFFE810");

        Assert.Equal(0x3FE9A9 * 180.0 / (1 << 24), fix.Latitude);
        Assert.Equal(0x250A75 * 360.0 / (1 << 25), fix.Longitude);
        Assert.Equal(44.93864, fix.Latitude, 5);
        Assert.Equal(26.04435, fix.Longitude, 5);
        Assert.Equal(ReceivedAt, fix.DeviceTime);
        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
    }

    [Fact]
    public void A_real_84_bit_short_report_from_a_sepura_radio_in_texas_has_a_negative_longitude()
    {
        // N5UWU's Sepura: 21 hex digits, exactly 8 + 76 bits. Longitude 0x174FAB7 is negative in 25-bit two's
        // complement: 0x174FAB7 - 2^25 = -9 110 857. Latitude 0x2B78A1, position error 2 (< 200 m), velocity 127,
        // direction 15, reason 22 (regained ability to determine location).
        var fix = DecodeOne("0A0BA7D5B95BC50AFFE16");

        Assert.Equal((0x174FAB7 - (1 << 25)) * 360.0 / (1 << 25), fix.Longitude);
        Assert.Equal(0x2B78A1 * 180.0 / (1 << 24), fix.Latitude);
        Assert.Equal(-97.74889, fix.Longitude, 5);
        Assert.Equal(30.56569, fix.Latitude, 5);
        Assert.Equal(200, fix.Accuracy);
        Assert.Null(fix.Speed);
        Assert.False(fix.Emergency);
    }

    [Fact]
    public void A_real_long_report_takes_its_time_of_position_on_the_day_it_names()
    {
        // 0x0A, then PDU type 1, extension 3 (long location report), time type 2: day 14, 15:29:42; location shape 1
        // (point), longitude 0x0FAAC0, latitude 0x4A49E6; velocity type 0; no acknowledgement; reason 129. 96 bits.
        // The capture's month is not given: it is taken as received on 14 March 2021, 23 s after the fix.
        var receivedAt = new DateTimeOffset(2021, 3, 14, 15, 30, 5, TimeSpan.Zero);

        var fix = DecodeOne(Encoding.ASCII.GetBytes("0A4E73DDA841F55809493CC081"), new DecodeContext("2269001", receivedAt));

        Assert.Equal(new Fix
        {
            DeviceId = "2269001",
            DeviceTime = new DateTimeOffset(2021, 3, 14, 15, 29, 42, TimeSpan.Zero),
            Latitude = 0x4A49E6 * 180.0 / (1 << 24),
            Longitude = 0x0FAAC0 * 360.0 / (1 << 25),
            Source = FixSource.TetraLip,
            ReceivedAt = receivedAt,
        }, fix);
        Assert.Equal(52.23422, fix.Latitude, 5);
        Assert.Equal(11.01585, fix.Longitude, 5);
    }

    // ---- Framing: binary or hex, with or without the protocol identifier, padding --------------------------------------

    public static TheoryData<string> Framings =>
    [
        "binary",
        "binary with protocol identifier",
        "hex, 19 digits for 76 bits",
        "hex with protocol identifier, 21 digits for 84 bits",
        "hex padded to whole bytes",
        "hex with protocol identifier padded to whole bytes",
        "lower-case hex",
        "hex with surrounding whitespace",
    ];

    private static byte[] Frame(BitWriter pdu, string framing)
    {
        var withIdentifier = LipPdu.WithProtocolIdentifier(pdu);
        return framing switch
        {
            "binary" => pdu.ToBytes(),
            "binary with protocol identifier" => withIdentifier.ToBytes(),
            "hex, 19 digits for 76 bits" => Encoding.ASCII.GetBytes(pdu.ToHex()),
            "hex with protocol identifier, 21 digits for 84 bits" => Encoding.ASCII.GetBytes(withIdentifier.ToHex()),
            "hex padded to whole bytes" => Encoding.ASCII.GetBytes(Convert.ToHexString(pdu.ToBytes())),
            "hex with protocol identifier padded to whole bytes" => Encoding.ASCII.GetBytes(Convert.ToHexString(withIdentifier.ToBytes())),
            "lower-case hex" => Encoding.ASCII.GetBytes(withIdentifier.ToHex().ToLowerInvariant()),
            "hex with surrounding whitespace" => Encoding.ASCII.GetBytes($" \t{withIdentifier.ToHex()}\r\n"),
            _ => throw new ArgumentOutOfRangeException(nameof(framing)),
        };
    }

    [Theory]
    [MemberData(nameof(Framings))]
    public void A_short_report_from_leicester_west_of_greenwich_decodes_in_every_framing(string framing)
    {
        var pdu = LipPdu.Short(timeElapsed: 0, positionError: 1, velocity: 20, direction: 4, additionalData: 0);
        Assert.Equal(76, pdu.Length);

        var fix = DecodeOne(Frame(pdu, framing));

        Assert.Equal(new Fix
        {
            DeviceId = "2350017",
            DeviceTime = ReceivedAt,
            Latitude = LeicesterLatitude,
            Longitude = LeicesterLongitude,
            Speed = 20 / 3.6,
            Heading = 4 * 22.5,
            Accuracy = 20,
            Emergency = false,
            Source = FixSource.TetraLip,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.True(fix.Longitude < 0);
        Assert.Equal(52.6369, fix.Latitude, 5);
        Assert.Equal(-1.1398, fix.Longitude, 5);
    }

    [Fact]
    public void The_hex_of_a_76_bit_report_shows_4_padding_bits_that_are_not_read()
    {
        // 76 bits are 19 hex digits; padded to whole bytes they are 20, the last digit's low bits 0.
        var pdu = LipPdu.Short(additionalData: 129);
        var hex = Convert.ToHexString(pdu.ToBytes());
        Assert.Equal(20, hex.Length);
        Assert.Equal('0', hex[^1]);

        var padded = DecodeOne(hex);
        var unpadded = DecodeOne(pdu.ToHex());

        Assert.Equal(unpadded, padded);
    }

    [Fact]
    public void A_short_report_without_protocol_identifier_may_begin_with_0x0a_west_of_112_degrees()
    {
        // Los Angeles, 34.0522 N 118.2437 W: the top 4 bits of the 25-bit longitude are 1010, so with PDU type 0 and
        // time elapsed 0 the first octet is 0x0A, like the protocol identifier. 80 bits are too few to hold the
        // identifier and a short report (84), so it is a report without one.
        var longitude = LipPdu.LongitudeCode(-118.2437);
        var latitude = LipPdu.LatitudeCode(34.0522);
        var pdu = LipPdu.Short(longitude: longitude, latitude: latitude);
        Assert.Equal(0x0A, pdu.ToBytes()[0]);

        var withoutIdentifier = DecodeOne(pdu);
        var withIdentifier = DecodeOne(LipPdu.WithProtocolIdentifier(pdu));

        Assert.Equal(LipPdu.LongitudeOf(longitude), withoutIdentifier.Longitude);
        Assert.Equal(LipPdu.LatitudeOf(latitude), withoutIdentifier.Latitude);
        Assert.Equal(withoutIdentifier, withIdentifier);
    }

    [Fact]
    public void An_empty_payload_is_a_missing_pdu_type() =>
        DecodeRejected([], RejectionReason.MissingField, "pdu type");

    [Fact]
    public void A_payload_of_only_whitespace_is_a_missing_pdu_type() =>
        DecodeRejected(" \r\n", RejectionReason.MissingField, "pdu type");

    [Fact]
    public void Hex_with_whitespace_between_its_digits_is_refused_rather_than_read_as_binary() =>
        DecodeRejected("0A 00 88 BD 42 47 F7 37 FF E8 10", RejectionReason.InvalidField, "payload");

    [Fact]
    public void A_payload_over_1024_bytes_is_too_large_and_one_of_1024_is_not()
    {
        var hex = LipPdu.Short().ToHex();
        var largest = Encoding.ASCII.GetBytes(hex + new string(' ', TetraLipDecoder.MaxPayloadBytes - hex.Length));
        Assert.Equal(1024, largest.Length);
        Assert.Single(Decode(largest).Fixes);

        var (fixes, rejections) = Decode(new byte[TetraLipDecoder.MaxPayloadBytes + 1]);

        Assert.Empty(fixes);
        Assert.Equal(RejectionReason.PayloadTooLarge, Assert.Single(rejections).Reason);
    }

    [Fact]
    public void Device_id_and_received_time_come_from_the_context()
    {
        var context = new DecodeContext("6001234", new DateTimeOffset(2025, 7, 4, 8, 30, 0, TimeSpan.Zero));

        var fix = DecodeOne(LipPdu.Short().ToBytes(), context);

        Assert.Equal("6001234", fix.DeviceId);
        Assert.Equal(context.ReceivedAt, fix.ReceivedAt);
        Assert.Equal(context.ReceivedAt, fix.DeviceTime);
        Assert.Equal(FixSource.TetraLip, fix.Source);
    }

    // ---- PDU type and extension ------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_reserved_pdu_type_is_refused(int pduType)
    {
        var pdu = new BitWriter().Bits(pduType, 2).Bits(0, 40).Bits(0, 34);

        var rejection = DecodeRejected(pdu, RejectionReason.InvalidField, "pdu type");

        Assert.Equal($"pdu type: reserved code {pduType}", rejection.Detail);
    }

    [Theory]
    [InlineData(1, "immediate location report request")]
    [InlineData(4, "location report acknowledgement")]
    [InlineData(5, "basic location parameters request/response")]
    [InlineData(6, "add/modify trigger request/response")]
    [InlineData(7, "remove trigger request/response")]
    [InlineData(8, "report trigger request/response")]
    [InlineData(9, "report basic location parameters request/response")]
    [InlineData(10, "location reporting enable/disable request/response")]
    [InlineData(11, "location reporting temporary control request/response")]
    [InlineData(12, "backlog request/response")]
    public void A_location_protocol_pdu_that_is_not_a_report_is_unsupported_and_named(int extension, string name)
    {
        var pdu = new BitWriter().Bits(1, 2).Bits(extension, 4).Bits(0, 40);

        var rejection = DecodeRejected(pdu, RejectionReason.UnsupportedMessage, "pdu type extension");

        Assert.Contains(name, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(15)]
    public void A_reserved_pdu_type_extension_is_refused(int extension)
    {
        var pdu = new BitWriter().Bits(1, 2).Bits(extension, 4).Bits(0, 40);

        var rejection = DecodeRejected(pdu, RejectionReason.InvalidField, "pdu type extension");

        Assert.Equal($"pdu type extension: reserved code {extension}", rejection.Detail);
    }

    // ---- Short report fields ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_time_elapsed_class_gives_the_receive_time(int timeElapsed)
    {
        // §6.3.78: < 5 s, < 5 min, < 30 min, not known. It bounds the age of the position; it is not a time.
        var fix = DecodeOne(LipPdu.Short(timeElapsed: timeElapsed));

        Assert.Equal(ReceivedAt, fix.DeviceTime);
    }

    [Theory]
    [InlineData(-(1 << 24), -180.0)]
    [InlineData((1 << 24) - 1, 180.0 - (360.0 / (1 << 25)))]
    [InlineData(-1, -360.0 / (1 << 25))]
    [InlineData(0, 0.0)]
    public void The_longitude_extremes_of_25_bit_twos_complement_decode(int code, double degrees)
    {
        var fix = DecodeOne(LipPdu.Short(longitude: code));

        Assert.Equal(degrees, fix.Longitude);
    }

    [Theory]
    [InlineData(-(1 << 23), -90.0)]
    [InlineData((1 << 23) - 1, 90.0 - (180.0 / (1 << 24)))]
    [InlineData(-1, -180.0 / (1 << 24))]
    [InlineData(0, 0.0)]
    public void The_latitude_extremes_of_24_bit_twos_complement_decode(int code, double degrees)
    {
        var fix = DecodeOne(LipPdu.Short(latitude: code));

        Assert.Equal(degrees, fix.Latitude);
    }

    [Fact]
    public void Zero_zero_is_decoded_and_left_for_the_validator()
    {
        var fix = DecodeOne(LipPdu.Short(longitude: 0, latitude: 0));

        Assert.Equal(0, fix.Latitude);
        Assert.Equal(0, fix.Longitude);
        Assert.Equal(RejectionReason.NullIsland, new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt)?.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(27)]
    [InlineData(28)]
    [InlineData(29)]
    [InlineData(30)]
    [InlineData(60)]
    [InlineData(125)]
    [InlineData(126)]
    public void Every_horizontal_velocity_class_boundary_is_converted_to_metres_per_second(int code)
    {
        // §6.3.17: 0–28 are km/h; from 29, v = C × (1 + x)^(K − A) + B with C = 16, x = 0.038, A = 13, B = 0.
        var expected = KilometresPerHour(code) / 3.6;

        var fix = DecodeOne(LipPdu.Short(velocity: code));

        Assert.Equal(expected, fix.Speed!.Value, 12);
    }

    [Theory]
    [InlineData(28, 28)]
    [InlineData(29, 29)]
    [InlineData(30, 30)]
    [InlineData(33, 34)]
    [InlineData(50, 64)]
    [InlineData(100, 410)]
    [InlineData(125, 1043)]
    public void The_velocity_formula_matches_the_standards_table_of_examples(int code, int kilometresPerHour)
    {
        // The standard's examples of horizontal velocity information element contents (table 6.51 in V1.7.2), rounded to 1 km/h.
        var fix = DecodeOne(LipPdu.Short(velocity: code));

        Assert.Equal(kilometresPerHour, Math.Round(fix.Speed!.Value * 3.6));
    }

    [Fact]
    public void Horizontal_velocity_code_127_is_an_unknown_speed()
    {
        var fix = DecodeOne(LipPdu.Short(velocity: 127, direction: 4));

        Assert.Null(fix.Speed);
        Assert.Equal(90, fix.Heading);
    }

    [Fact]
    public void The_velocity_steps_up_across_the_28_29_boundary()
    {
        var at28 = DecodeOne(LipPdu.Short(velocity: 28)).Speed!.Value;
        var at29 = DecodeOne(LipPdu.Short(velocity: 29)).Speed!.Value;

        Assert.Equal(28 / 3.6, at28);
        Assert.InRange(at29, 29 / 3.6, 29.1 / 3.6);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 22.5)]
    [InlineData(2, 45.0)]
    [InlineData(3, 67.5)]
    [InlineData(4, 90.0)]
    [InlineData(5, 112.5)]
    [InlineData(6, 135.0)]
    [InlineData(7, 157.5)]
    [InlineData(8, 180.0)]
    [InlineData(9, 202.5)]
    [InlineData(10, 225.0)]
    [InlineData(11, 247.5)]
    [InlineData(12, 270.0)]
    [InlineData(13, 292.5)]
    [InlineData(14, 315.0)]
    [InlineData(15, 337.5)]
    public void Each_direction_of_travel_of_a_moving_radio_is_a_point_of_the_compass(int code, double degrees)
    {
        var fix = DecodeOne(LipPdu.Short(velocity: 40, direction: code));

        Assert.Equal(degrees, fix.Heading);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(127)]
    public void Direction_15_of_a_radio_not_known_to_move_is_no_heading(int velocity)
    {
        // §6.3.5: 15 is NNW and also "direction of travel is not known"; radios without a course send it.
        var fix = DecodeOne(LipPdu.Short(velocity: velocity, direction: 15));

        Assert.Null(fix.Heading);
    }

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(1, 20.0)]
    [InlineData(2, 200.0)]
    [InlineData(3, 2_000.0)]
    [InlineData(4, 20_000.0)]
    [InlineData(5, 200_000.0)]
    public void Each_position_error_class_gives_its_upper_bound_as_accuracy(int code, double metres)
    {
        // §6.3.63: less than 2 m, 20 m, 200 m, 2 km, 20 km; less than or equal to 200 km.
        var fix = DecodeOne(LipPdu.Short(positionError: code));

        Assert.Equal(metres, fix.Accuracy);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Position_error_more_than_200_km_or_not_known_has_no_accuracy(int code)
    {
        var fix = DecodeOne(LipPdu.Short(positionError: code));

        Assert.Null(fix.Accuracy);
    }

    [Fact]
    public void The_emergency_reason_for_sending_raises_the_emergency_flag()
    {
        // §6.3.64 reason for sending 2: "Emergency condition is detected".
        var fix = DecodeOne(LipPdu.Short(additionalDataType: 0, additionalData: 2));

        Assert.True(fix.Emergency);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(32)]
    [InlineData(129)]
    [InlineData(130)]
    public void A_routine_reason_for_sending_is_no_emergency(int reason)
    {
        var fix = DecodeOne(LipPdu.Short(additionalData: reason));

        Assert.False(fix.Emergency);
    }

    [Fact]
    public void User_defined_data_of_2_is_not_the_emergency_reason()
    {
        // Type of additional data 1: the 8 bits are user defined, not a reason for sending.
        var fix = DecodeOne(LipPdu.Short(additionalDataType: 1, additionalData: 2));

        Assert.False(fix.Emergency);
    }

    [Fact]
    public void Every_defined_reason_for_sending_is_accepted()
    {
        int[] defined = [.. Enumerable.Range(0, 31), 32, 129, 130];

        foreach (var reason in defined)
        {
            Assert.Equal(reason == 2, DecodeOne(LipPdu.Short(additionalData: reason)).Emergency);
        }
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(100)]
    [InlineData(127)]
    [InlineData(128)]
    [InlineData(131)]
    [InlineData(255)]
    public void A_reserved_reason_for_sending_is_refused_and_named(int reason)
    {
        var rejection = DecodeRejected(LipPdu.Short(additionalData: reason), RejectionReason.InvalidField, "reason for sending");

        Assert.Equal($"reason for sending: reserved code {reason}", rejection.Detail);
    }

    [Theory]
    [InlineData(4, "longitude")]
    [InlineData(28, "longitude")]
    [InlineData(32, "latitude")]
    [InlineData(52, "latitude")]
    [InlineData(60, "horizontal velocity")]
    [InlineData(64, "direction of travel")]
    [InlineData(68, "reason for sending")]
    [InlineData(72, "reason for sending")]
    public void A_truncated_short_report_in_hex_is_refused_naming_the_field_cut_off(int bits, string field)
    {
        var hex = LipPdu.Short().Take(bits).ToHex();

        DecodeRejected(hex, RejectionReason.MissingField, field);
    }

    [Theory]
    [InlineData(0, "pdu type")]
    [InlineData(4, "longitude")]
    [InlineData(28, "longitude")]
    [InlineData(32, "latitude")]
    [InlineData(52, "latitude")]
    [InlineData(60, "horizontal velocity")]
    [InlineData(64, "direction of travel")]
    public void A_truncated_short_report_after_the_protocol_identifier_is_refused_naming_the_field_cut_off(int bits, string field)
    {
        var hex = LipPdu.WithProtocolIdentifier(LipPdu.Short().Take(bits)).ToHex();

        DecodeRejected(hex, RejectionReason.MissingField, field);
    }

    [Fact]
    public void Seventy_six_to_83_bits_that_begin_0x0a_are_a_short_report_without_protocol_identifier()
    {
        // The one ambiguity of the framing: 0x0A followed by 68–75 bits of a cut-off PDU is, bit for bit, a complete
        // short report without the identifier (time elapsed 0, longitude 135° W to 112.5° W). The complete reading wins.
        // (Velocity 16 and direction 0 make the bits that would be its type of additional data and 8 bits after valid.)
        var cut = LipPdu.WithProtocolIdentifier(LipPdu.Short(velocity: 16, direction: 0).Take(72));
        Assert.Equal(80, cut.Length);

        var fix = DecodeOne(cut);

        Assert.InRange(fix.Longitude, -135, -112.5);
    }

    [Fact]
    public void A_short_report_cut_to_9_bytes_is_refused_naming_the_reason_for_sending()
    {
        var bytes = LipPdu.Short().ToBytes()[..9];

        var rejection = DecodeRejected(bytes, RejectionReason.MissingField, "reason for sending");

        Assert.Contains("72 bits", rejection.Detail, StringComparison.Ordinal);
    }
}
