using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;

namespace Tracking.Protocols.Tests.TetraLip;

/// <summary>The long location report, §6.2.2: time data, location shapes, velocity types.</summary>
public sealed partial class TetraLipDecoderTests
{
    // Horizontal position uncertainty, coded as the horizontal position accuracy element: less than 2 × 1.2^(K + 5) − 4 m.
    private static double UncertaintyMetres(int code) => (2 * Math.Pow(1 + 0.2, code + 5)) - 4;

    // ---- Time data --------------------------------------------------------------------------------------------------

    [Fact]
    public void A_long_report_with_no_time_data_is_at_the_receive_time()
    {
        var fix = DecodeOne(new LongReport().Build());

        Assert.Equal(ReceivedAt, fix.DeviceTime);
        Assert.Equal(LeicesterLatitude, fix.Latitude);
        Assert.Equal(LeicesterLongitude, fix.Longitude);
        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
        Assert.False(fix.Emergency);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_long_report_with_time_elapsed_is_at_the_receive_time(int code)
    {
        var fix = DecodeOne(new LongReport { Time = LongReport.TimeElapsed(code) }.Build());

        Assert.Equal(ReceivedAt, fix.DeviceTime);
    }

    public static TheoryData<DateTimeOffset, int, int, int, int, DateTimeOffset> TimesOfPosition => new()
    {
        // received, day, hour, minute, second, the fix's time
        { new(2024, 3, 1, 12, 0, 2, 500, TimeSpan.Zero), 1, 11, 59, 58, new(2024, 3, 1, 11, 59, 58, TimeSpan.Zero) },
        { new(2024, 3, 1, 0, 0, 30, TimeSpan.Zero), 29, 23, 59, 50, new(2024, 2, 29, 23, 59, 50, TimeSpan.Zero) },
        { new(2025, 1, 1, 0, 0, 10, TimeSpan.Zero), 31, 23, 59, 59, new(2024, 12, 31, 23, 59, 59, TimeSpan.Zero) },
        { new(2024, 4, 30, 23, 59, 58, TimeSpan.Zero), 1, 0, 0, 1, new(2024, 5, 1, 0, 0, 1, TimeSpan.Zero) },
        { new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), 31, 0, 0, 0, new(2025, 1, 31, 0, 0, 0, TimeSpan.Zero) },
        { new(2024, 7, 15, 9, 0, 0, TimeSpan.FromHours(1)), 15, 8, 0, 0, new(2024, 7, 15, 8, 0, 0, TimeSpan.Zero) },
    };

    [Theory]
    [MemberData(nameof(TimesOfPosition))]
    public void The_time_of_position_is_completed_to_the_date_nearest_the_receive_time(
        DateTimeOffset received, int day, int hour, int minute, int second, DateTimeOffset expected)
    {
        var pdu = new LongReport { Time = LongReport.TimeOfPosition(day, hour, minute, second) }.Build();

        var fix = DecodeOne(pdu.ToBytes(), new DecodeContext("2350017", received));

        Assert.Equal(expected, fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Theory]
    [InlineData(0, 12, 0, 0, "time of position day: reserved code 0")]
    [InlineData(1, 24, 0, 0, "time of position hour: reserved code 24")]
    [InlineData(1, 31, 0, 0, "time of position hour: reserved code 31")]
    [InlineData(1, 12, 60, 0, "time of position minute: reserved code 60")]
    [InlineData(1, 12, 0, 60, "time of position second: reserved code 60")]
    [InlineData(1, 12, 0, 63, "time of position second: reserved code 63")]
    public void A_reserved_part_of_the_time_of_position_is_refused_and_named(int day, int hour, int minute, int second, string detail)
    {
        var pdu = new LongReport { Time = LongReport.TimeOfPosition(day, hour, minute, second) }.Build();

        var rejection = DecodeRejected(pdu, RejectionReason.InvalidField, detail[..detail.IndexOf(':', StringComparison.Ordinal)]);

        Assert.Equal(detail, rejection.Detail);
    }

    [Fact]
    public void The_reserved_time_type_is_refused() =>
        DecodeRejected(new LongReport { Time = w => w.Bits(3, 2) }.Build(), RejectionReason.InvalidField, "time type");

    // ---- Location shapes --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(33)]
    [InlineData(62)]
    public void A_location_circle_gives_its_uncertainty_radius_as_accuracy(int code)
    {
        var fix = DecodeOne(new LongReport { Shape = 2, ShapeFields = w => w.Bits(code, 6) }.Build());

        Assert.Equal(UncertaintyMetres(code), fix.Accuracy!.Value, 9);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(2, 3.2)]
    [InlineData(9, 21.7)]
    [InlineData(33, 2037.3)]
    [InlineData(62, 403802.7)]
    public void The_uncertainty_formula_matches_the_standards_table_of_horizontal_position_accuracy(int code, double metres)
    {
        // The standard's horizontal position accuracy table (table 6.49 in V1.7.2): "less than 1 m", "less than 3,2 m"…
        var fix = DecodeOne(new LongReport { Shape = 2, ShapeFields = w => w.Bits(code, 6) }.Build());

        Assert.Equal(metres, Math.Round(fix.Accuracy!.Value, 1));
    }

    [Fact]
    public void A_best_effort_uncertainty_has_no_accuracy()
    {
        var fix = DecodeOne(new LongReport { Shape = 2, ShapeFields = w => w.Bits(63, 6) }.Build());

        Assert.Null(fix.Accuracy);
    }

    [Fact]
    public void A_location_ellipse_gives_its_half_major_axis_as_accuracy()
    {
        // Half of major axis 20, half of minor axis 10, angle 64 (90°), confidence level 7 (not known).
        var pdu = new LongReport
        {
            Shape = 3,
            ShapeFields = w => w.Bits(20, 6).Bits(10, 6).Bits(64, 8).Bits(7, 3),
            Velocity = LongReport.VelocityWithDirection(20, 64),
            AdditionalData = 2,
        }.Build();

        var fix = DecodeOne(pdu);

        Assert.Equal(UncertaintyMetres(20), fix.Accuracy!.Value, 9);
        Assert.Null(fix.Altitude);
        Assert.Equal(20 / 3.6, fix.Speed);
        Assert.Equal(90, fix.Heading);
        Assert.True(fix.Emergency);
    }

    [Theory]
    [InlineData(1, -200.0)]
    [InlineData(201, 0.0)]
    [InlineData(272, 71.0)]
    [InlineData(1201, 1000.0)]
    [InlineData(1202, 1002.0)]
    [InlineData(1926, 2450.0)]
    [InlineData(1927, 2525.0)]
    [InlineData(2047, 11525.0)]
    public void Every_altitude_step_boundary_of_a_location_point_with_altitude_decodes(int code, double metres)
    {
        // −200 m to 1 000 m in 1 m steps (codes 1–1201), to 2 450 m in 2 m steps (1202–1926), to 11 525 m in 75 m steps.
        var fix = DecodeOne(new LongReport { Shape = 4, ShapeFields = LongReport.Altitude(code) }.Build());

        Assert.Equal(metres, fix.Altitude);
        Assert.Null(fix.Accuracy);
    }

    [Fact]
    public void Altitude_code_0_is_reserved_and_refused() =>
        DecodeRejected(new LongReport { Shape = 4, ShapeFields = LongReport.Altitude(0) }.Build(), RejectionReason.InvalidField, "location altitude");

    [Fact]
    public void An_altitude_above_a_user_defined_reference_is_not_kept()
    {
        var fix = DecodeOne(new LongReport { Shape = 4, ShapeFields = LongReport.Altitude(272, type: 1) }.Build());

        Assert.Null(fix.Altitude);
        Assert.Equal(LeicesterLatitude, fix.Latitude);
    }

    public static TheoryData<int, string, int, int> ShapesWithAltitude => new()
    {
        // shape, the fields after latitude as a bit string of known widths, uncertainty code, altitude code
        { 5, "uncertainty 6, altitude type 1, altitude 11", 12, 272 },
        { 6, "major 6, minor 6, angle 8, altitude type 1, altitude 11, confidence 3", 12, 272 },
        { 7, "uncertainty 6, altitude type 1, altitude 11, altitude uncertainty 3", 12, 272 },
        { 8, "major 6, minor 6, angle 8, altitude type 1, altitude 11, altitude uncertainty 3, confidence 3", 12, 272 },
    };

    [Theory]
    [MemberData(nameof(ShapesWithAltitude))]
    public void Each_shape_with_altitude_gives_accuracy_and_altitude_and_the_fields_after_it_line_up(int shape, string layout, int uncertainty, int altitude)
    {
        Action<BitWriter> fields = shape switch
        {
            5 => w => w.Bits(uncertainty, 6).Bits(0, 1).Bits(altitude, 11),
            6 => w => w.Bits(uncertainty, 6).Bits(63, 6).Bits(255, 8).Bits(0, 1).Bits(altitude, 11).Bits(7, 3),
            7 => w => w.Bits(uncertainty, 6).Bits(0, 1).Bits(altitude, 11).Bits(7, 3),
            _ => w => w.Bits(uncertainty, 6).Bits(63, 6).Bits(255, 8).Bits(0, 1).Bits(altitude, 11).Bits(7, 3).Bits(7, 3),
        };
        var pdu = new LongReport
        {
            Time = LongReport.TimeOfPosition(1, 11, 59, 58),
            Shape = shape,
            ShapeFields = fields,
            Velocity = LongReport.VelocityWithDirection(60, 192),
            AdditionalData = 2,
        }.Build();

        var fix = DecodeOne(pdu);

        Assert.Equal(UncertaintyMetres(uncertainty), fix.Accuracy!.Value, 9);
        Assert.Equal(altitude - 201.0, fix.Altitude);
        Assert.Equal(KilometresPerHour(60) / 3.6, fix.Speed!.Value, 12);
        Assert.Equal(192 * 360.0 / 256, fix.Heading);
        Assert.True(fix.Emergency, layout);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 11, 59, 58, TimeSpan.Zero), fix.DeviceTime);
    }

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(3, 2_000.0)]
    [InlineData(5, 200_000.0)]
    public void A_location_point_with_position_error_gives_the_class_bound_as_accuracy(int code, double metres)
    {
        var fix = DecodeOne(new LongReport { Shape = 10, ShapeFields = w => w.Bits(code, 3), AdditionalData = 2 }.Build());

        Assert.Equal(metres, fix.Accuracy);
        Assert.True(fix.Emergency);
    }

    [Theory]
    [InlineData(0, "no shape")]
    [InlineData(9, "location arc")]
    [InlineData(15, "location shape extension")]
    public void A_shape_that_is_not_decoded_is_unsupported_and_named(int shape, string name)
    {
        var rejection = DecodeRejected(new LongReport { Shape = shape }.Build(), RejectionReason.UnsupportedMessage, "location shape");

        Assert.Contains($"{name} ({shape})", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void A_reserved_shape_is_refused(int shape)
    {
        var rejection = DecodeRejected(new LongReport { Shape = shape }.Build(), RejectionReason.InvalidField, "location shape");

        Assert.Equal($"location shape: reserved code {shape}", rejection.Detail);
    }

    // ---- Velocity types ---------------------------------------------------------------------------------------------

    public static TheoryData<int, string, bool> VelocityTypes => new()
    {
        // velocity type, its fields, whether it carries direction of travel extended
        { 1, "horizontal velocity 7", false },
        { 2, "horizontal velocity 7, uncertainty 3", false },
        { 3, "horizontal velocity 7, vertical velocity 8", false },
        { 4, "horizontal velocity 7, uncertainty 3, vertical velocity 8, vertical uncertainty 3", false },
        { 5, "horizontal velocity 7, direction of travel extended 8", true },
        { 6, "horizontal velocity 7, uncertainty 3, direction extended 8, direction uncertainty 3", true },
        { 7, "horizontal velocity 7, uncertainty 3, vertical velocity 8, vertical uncertainty 3, direction extended 8, direction uncertainty 3", true },
    };

    [Theory]
    [MemberData(nameof(VelocityTypes))]
    public void Each_velocity_type_gives_speed_and_heading_where_it_has_them_and_the_fields_after_it_line_up(int type, string layout, bool hasDirection)
    {
        // The skipped fields are all ones, so a field read with the wrong width would shift the reason for sending (2).
        const int velocity = 40;
        const int direction = 96;
        Action<BitWriter> fields = type switch
        {
            1 => w => w.Bits(velocity, 7),
            2 => w => w.Bits(velocity, 7).Bits(7, 3),
            3 => w => w.Bits(velocity, 7).Bits(255, 8),
            4 => w => w.Bits(velocity, 7).Bits(7, 3).Bits(255, 8).Bits(7, 3),
            5 => w => w.Bits(velocity, 7).Bits(direction, 8),
            6 => w => w.Bits(velocity, 7).Bits(7, 3).Bits(direction, 8).Bits(7, 3),
            _ => w => w.Bits(velocity, 7).Bits(7, 3).Bits(255, 8).Bits(7, 3).Bits(direction, 8).Bits(7, 3),
        };
        var pdu = new LongReport { Velocity = w => fields(w.Bits(type, 3)), AdditionalData = 2 }.Build();

        var fix = DecodeOne(pdu);

        Assert.Equal(KilometresPerHour(velocity) / 3.6, fix.Speed!.Value, 12);
        Assert.Equal(hasDirection ? direction * 360.0 / 256 : null, fix.Heading);
        Assert.True(fix.Emergency, layout);
    }

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 1.40625)]
    [InlineData(64, 90.0)]
    [InlineData(128, 180.0)]
    [InlineData(255, 358.59375)]
    public void Direction_of_travel_extended_is_in_steps_of_360_over_256_degrees(int code, double degrees)
    {
        var fix = DecodeOne(new LongReport { Velocity = LongReport.VelocityWithDirection(20, code) }.Build());

        Assert.Equal(degrees, fix.Heading);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(28)]
    [InlineData(29)]
    [InlineData(126)]
    public void The_long_reports_horizontal_velocity_uses_the_same_code(int code)
    {
        var fix = DecodeOne(new LongReport { Velocity = w => w.Bits(1, 3).Bits(code, 7) }.Build());

        Assert.Equal(KilometresPerHour(code) / 3.6, fix.Speed!.Value, 12);
    }

    [Fact]
    public void An_unknown_speed_in_a_long_report_is_null_and_keeps_its_extended_direction()
    {
        var fix = DecodeOne(new LongReport { Velocity = LongReport.VelocityWithDirection(127, 32) }.Build());

        Assert.Null(fix.Speed);
        Assert.Equal(45, fix.Heading);
    }

    // ---- Additional data, trailing elements, framing, truncation ----------------------------------------------------

    [Fact]
    public void The_emergency_reason_in_a_long_report_raises_the_emergency_flag()
    {
        Assert.True(DecodeOne(new LongReport { AdditionalData = 2 }.Build()).Emergency);
        Assert.False(DecodeOne(new LongReport { AdditionalDataType = 1, AdditionalData = 2 }.Build()).Emergency);
        Assert.False(DecodeOne(new LongReport { AcknowledgementRequest = 1, AdditionalData = 129 }.Build()).Emergency);
    }

    [Fact]
    public void A_reserved_reason_for_sending_in_a_long_report_is_refused() =>
        DecodeRejected(new LongReport { AdditionalData = 200 }.Build(), RejectionReason.InvalidField, "reason for sending");

    [Fact]
    public void Optional_elements_after_a_long_report_are_skipped()
    {
        // Acknowledgement requested, so a location message reference (8 bits) follows, and more after it.
        var plain = DecodeOne(new LongReport().Build());

        var withTrailer = DecodeOne(new LongReport { AcknowledgementRequest = 1, Trailer = w => w.Bits(0x5A, 8).Bits(0x3FF, 10) }.Build());

        Assert.Equal(plain, withTrailer);
    }

    [Fact]
    public void A_long_report_decodes_the_same_as_binary_or_hex_with_or_without_protocol_identifier()
    {
        var pdu = new LongReport
        {
            Time = LongReport.TimeOfPosition(1, 11, 59, 30),
            Shape = 5,
            ShapeFields = w => w.Bits(9, 6).Bits(0, 1).Bits(272, 11),
            Velocity = LongReport.VelocityWithDirection(50, 200),
        }.Build();
        var expected = DecodeOne(pdu);

        Assert.Equal(expected, DecodeOne(LipPdu.WithProtocolIdentifier(pdu)));
        Assert.Equal(expected, DecodeOne(pdu.ToHex()));
        Assert.Equal(expected, DecodeOne(LipPdu.WithProtocolIdentifier(pdu).ToHex().ToLowerInvariant()));
        Assert.Equal(expected, DecodeOne(Encoding.ASCII.GetBytes($"\n{LipPdu.WithProtocolIdentifier(pdu).ToHex()}\n")));
    }

    [Theory]
    [InlineData(0, "pdu type")]
    [InlineData(4, "pdu type extension")]
    [InlineData(8, "time of position day")]
    [InlineData(12, "time of position day")]
    [InlineData(16, "time of position hour")]
    [InlineData(20, "time of position minute")]
    [InlineData(28, "time of position second")]
    [InlineData(32, "location shape")]
    [InlineData(40, "longitude")]
    [InlineData(64, "latitude")]
    [InlineData(80, "latitude")]
    [InlineData(84, "horizontal position uncertainty")]
    [InlineData(92, "location altitude")]
    [InlineData(100, "location altitude")]
    [InlineData(104, "horizontal velocity")]
    [InlineData(112, "direction of travel extended")]
    [InlineData(116, "direction of travel extended")]
    [InlineData(120, "type of additional data")]
    [InlineData(124, "reason for sending")]
    [InlineData(128, "reason for sending")]
    public void A_truncated_long_report_is_refused_naming_the_field_cut_off(int bits, string field)
    {
        // Fields end at bit 2, 6, 8, 13, 18, 24, 30 (time of position), 34 (shape), 59, 83 (longitude, latitude),
        // 89, 90, 101 (uncertainty, altitude type, altitude), 104, 111, 119 (velocity type 5), 120, 121, 129.
        // Cuts at whole hex digits, after the protocol identifier, as a PEI would print them.
        var pdu = new LongReport
        {
            Time = LongReport.TimeOfPosition(1, 11, 59, 30),
            Shape = 5,
            ShapeFields = w => w.Bits(9, 6).Bits(0, 1).Bits(272, 11),
            Velocity = LongReport.VelocityWithDirection(50, 200),
        }.Build();
        Assert.Equal(129, pdu.Length);

        DecodeRejected(LipPdu.WithProtocolIdentifier(pdu.Take(bits)).ToHex(), RejectionReason.MissingField, field);
    }

    [Theory]
    [InlineData(2, "horizontal velocity uncertainty")]
    [InlineData(4, "vertical velocity uncertainty")]
    [InlineData(6, "direction of travel uncertainty")]
    public void A_long_report_cut_in_a_skipped_velocity_field_is_refused_naming_it(int type, string field)
    {
        Action<BitWriter> fields = type switch
        {
            2 => w => w.Bits(2, 3).Bits(40, 7).Bits(7, 3),
            4 => w => w.Bits(4, 3).Bits(40, 7).Bits(7, 3).Bits(255, 8).Bits(7, 3),
            _ => w => w.Bits(6, 3).Bits(40, 7).Bits(7, 3).Bits(96, 8).Bits(7, 3),
        };
        var pdu = new LongReport { Velocity = fields }.Build();

        // The named field is the last of the velocity data, 3 bits, followed by the 1 + 1 + 8 bits of the mandatory
        // tail. Cut inside it at a whole hex digit.
        var start = pdu.Length - 10 - 3;
        var cut = (start + 3) / 4 * 4;
        Assert.InRange(cut, start, start + 2);

        DecodeRejected(pdu.Take(cut).ToHex(), RejectionReason.MissingField, field);
    }

    [Fact]
    public void A_long_report_fix_passes_the_shared_validator()
    {
        var pdu = new LongReport
        {
            Time = LongReport.TimeOfPosition(1, 11, 59, 30),
            Shape = 7,
            ShapeFields = w => w.Bits(9, 6).Bits(0, 1).Bits(272, 11).Bits(2, 3),
            Velocity = LongReport.VelocityWithDirection(50, 200),
        }.Build();

        var fix = DecodeOne(pdu);

        Assert.Null(new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt));
        Assert.Equal(FixSource.TetraLip, fix.Source);
    }
}
