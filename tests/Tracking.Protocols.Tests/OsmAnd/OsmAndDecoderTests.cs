using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.OsmAnd;

namespace Tracking.Protocols.Tests.OsmAnd;

/// <summary>
/// Query and form payloads. Real ones are quoted from, and named by, their sources:
/// Traccar's OsmAnd decoder test (traccar/traccar src/test/java/org/traccar/protocol/OsmAndProtocolDecoderTest.java, testDecodeQuery),
/// which pastes request URIs from the OsmAnd app, Traccar Client and other senders (quoted here without the leading "/?");
/// Traccar Client for Android's formatter test (traccar/traccar-client-android app/src/test/java/org/traccar/client/ProtocolFormatterTest.kt);
/// the protocol page (traccar.org/osmand). Built payloads put a response car in Leicester city centre (52.6369, -1.1398)
/// at 2024-03-01T12:00:00Z (unix 1709294400).
/// </summary>
public sealed class OsmAndDecoderTests
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 1, 12, 0, 2, 500, TimeSpan.Zero);

    private const string Good = "id=arv-7&lat=52.6369&lon=-1.1398&timestamp=1709294400";

    private sealed record Result(List<Fix> Fixes, List<Rejection> Rejections, string? DeviceId);

    private static Result Decode(string query, OsmAndSpeedUnit unit = OsmAndSpeedUnit.Knots)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        OsmAndDecoder.DecodeQuery(query, ReceivedAt, unit, fixes, rejections, out var deviceId);

        // The same text as a form body must give the same result.
        var formFixes = new List<Fix>();
        var formRejections = new List<Rejection>();
        OsmAndDecoder.DecodeForm(Encoding.ASCII.GetBytes(query), ReceivedAt, unit, formFixes, formRejections, out var formDeviceId);
        Assert.Equal(fixes, formFixes);
        Assert.Equal(rejections, formRejections);
        Assert.Equal(deviceId, formDeviceId);

        return new Result(fixes, rejections, deviceId);
    }

    private static Fix DecodeOne(string query, OsmAndSpeedUnit unit = OsmAndSpeedUnit.Knots)
    {
        var result = Decode(query, unit);
        Assert.Empty(result.Rejections);
        var fix = Assert.Single(result.Fixes);
        Assert.Equal(fix.DeviceId, result.DeviceId);
        return fix;
    }

    private static Rejection DecodeRejected(string query, RejectionReason reason)
    {
        var result = Decode(query);
        Assert.Empty(result.Fixes);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(reason, rejection.Reason);
        return rejection;
    }

    // ---- Real payloads ----

    [Fact]
    public void Traccar_capture_with_an_encoded_iso_time_hdop_altitude_and_speed_decodes_to_exact_values()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, third request.
        var fix = DecodeOne("id=902064&lat=42.06288&lon=-88.23412&timestamp=2016-01-27T18%3A55%3A47Z&hdop=6.0&altitude=224.0&speed=0.0");

        Assert.Equal(new Fix
        {
            DeviceId = "902064",
            DeviceTime = new DateTimeOffset(2016, 1, 27, 18, 55, 47, TimeSpan.Zero),
            Latitude = 42.06288,
            Longitude = -88.23412,
            Speed = 0,
            Altitude = 224,
            Hdop = 6,
            Source = FixSource.OsmAnd,
            ReceivedAt = ReceivedAt,
        }, fix);
    }

    [Fact]
    public void Traccar_capture_with_unix_milliseconds_decodes_to_the_millisecond()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, fourth request.
        var fix = DecodeOne("id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579&hdop=6.0&altitude=224.0&speed=0.0");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1442068686579), fix.DeviceTime);
    }

    [Theory]
    [InlineData("id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0&hdop=0.0")]
    [InlineData("id=123456&timestamp=1377177267&lat=60.0&lon=30.0")]
    [InlineData("id=123456&timestamp=1377177267&location=60.0,30.0")]
    public void Traccar_captures_in_unix_seconds_decode_with_lat_lon_or_location(string query)
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery: sixth, seventh and tenth requests.
        var fix = DecodeOne(query);

        Assert.Equal(("123456", 60.0, 30.0), (fix.DeviceId, fix.Latitude, fix.Longitude));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1377177267), fix.DeviceTime);
    }

    [Fact]
    public void Traccar_capture_with_speed_in_knots_bearing_and_unknown_vehicle_parameters_converts_speed_and_ignores_the_rest()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, last request: ignition, rpm and fuel are not ours.
        var fix = DecodeOne("id=123456789012345&timestamp=1504763810&lat=40.7232948571&lon=-74.0061408571&bearing=7.19889788244&speed=40&ignition=true&rpm=933&fuel=24");

        Assert.Equal(("123456789012345", 40.7232948571, -74.0061408571, 7.19889788244), (fix.DeviceId, fix.Latitude, fix.Longitude, fix.Heading!.Value));
        Assert.Equal(40 * 1852.0 / 3600.0, fix.Speed!.Value, 12);
    }

    [Fact]
    public void Traccar_capture_without_an_id_is_a_missing_field()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, second request (Traccar answers 400 Bad Request).
        var result = Decode("timestamp=1377177267&lat=60.0&lon=30.0");

        Assert.Equal(RejectionReason.MissingField, Assert.Single(result.Rejections).Reason);
        Assert.StartsWith("id ", result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Null(result.DeviceId);
    }

    [Fact]
    public void Traccar_capture_with_cells_and_wifi_but_no_position_is_a_missing_field_and_keeps_the_device_id()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, first request (Traccar would use the last known position).
        var result = Decode("id=123456&timestamp=1377177267&cell=257,02,16,2224&cell=257,02,16,2223,-90&wifi=00-14-22-01-23-45,-80&wifi=00-1C-B3-09-85-15,-70");

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.MissingField, Assert.Single(result.Rejections).Reason);
        Assert.StartsWith("lat ", result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Equal("123456", result.DeviceId);
    }

    [Theory]
    [InlineData("lat=60.0&lon=30.0&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid=123456", "123456")]
    [InlineData("id=861001000719969&lat=41.666667&lon=-0.883333&altitude=350.059479&speed=0.000000&batt=87", "861001000719969")]
    public void Traccar_captures_without_a_timestamp_are_refused_rather_than_stamped_with_the_arrival_time(string query, string id)
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, eighth and ninth requests (Traccar stamps them with its clock).
        var result = Decode(query);

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.MissingField, Assert.Single(result.Rejections).Reason);
        Assert.StartsWith("timestamp ", result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Equal(id, result.DeviceId);
    }

    [Fact]
    public void Traccar_capture_with_a_time_without_a_zone_is_refused_rather_than_guessed()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeQuery, fifth request: "2014-06-04 09:10:11" in no stated zone.
        var result = Decode("lat=49.60688&lon=6.15788&timestamp=2014-06-04+09%3A10%3A11&altitude=384.7&speed=0.0&id=353861053849681");

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.InvalidField, Assert.Single(result.Rejections).Reason);
        Assert.StartsWith("timestamp ", result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Equal("353861053849681", result.DeviceId);
    }

    [Fact]
    public void Traccar_client_for_android_request_maps_every_parameter_it_sends()
    {
        // ProtocolFormatterTest.kt, testFormatRequest: a Location("gps") with every value zero; the validator refuses 0,0 later.
        var fix = DecodeOne("id=123456789012345&timestamp=0&lat=0.0&lon=0.0&speed=0.0&bearing=0.0&altitude=0.0&accuracy=0.0&batt=0.0");

        Assert.Equal(new Fix
        {
            DeviceId = "123456789012345",
            DeviceTime = DateTimeOffset.UnixEpoch,
            Latitude = 0,
            Longitude = 0,
            Speed = 0,
            Heading = 0,
            Accuracy = 0,
            Altitude = 0,
            Battery = 0,
            Source = FixSource.OsmAnd,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.Equal(RejectionReason.NullIsland, new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt)?.Reason);
    }

    [Fact]
    public void Traccar_client_for_android_alarm_other_than_sos_is_not_an_emergency()
    {
        // ProtocolFormatterTest.kt, testFormatAlarmRequest.
        var fix = DecodeOne("id=123456789012345&timestamp=0&lat=0.0&lon=0.0&speed=0.0&bearing=0.0&altitude=0.0&accuracy=0.0&batt=0.0&alarm=alert%20message");

        Assert.False(fix.Emergency);
    }

    [Fact]
    public void The_protocol_page_example_filled_in_decodes()
    {
        // traccar.org/osmand: "http://demo.traccar.org:5055/?id=123456&lat={0}&lon={1}&timestamp={2}&hdop={3}&altitude={4}&speed={5}".
        var fix = DecodeOne("?id=123456&lat=52.6369&lon=-1.1398&timestamp=1709294400&hdop=0.9&altitude=67&speed=10");

        Assert.Equal(("123456", Noon, 52.6369, -1.1398, 0.9, 67.0), (fix.DeviceId, fix.DeviceTime, fix.Latitude, fix.Longitude, fix.Hdop!.Value, fix.Altitude!.Value));
        Assert.Equal(10 * 1852.0 / 3600.0, fix.Speed!.Value, 12);
    }

    // ---- Every parameter, built ----

    [Fact]
    public void A_query_with_every_parameter_decodes_to_exact_si_values()
    {
        var fix = DecodeOne("id=arv-7&timestamp=1709294400&lat=52.6369&lon=-1.1398&speed=36&bearing=271.5&altitude=67.2&accuracy=4.8&hdop=0.9&batt=87&alarm=sos&valid=true", OsmAndSpeedUnit.KilometresPerHour);

        Assert.Equal(new Fix
        {
            DeviceId = "arv-7",
            DeviceTime = Noon,
            Latitude = 52.6369,
            Longitude = -1.1398,
            Speed = 10,
            Heading = 271.5,
            Accuracy = 4.8,
            Altitude = 67.2,
            Hdop = 0.9,
            Battery = 87,
            Emergency = true,
            Source = FixSource.OsmAnd,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
        Assert.Null(fix.Satellites);
    }

    [Fact]
    public void Absent_optional_parameters_are_null()
    {
        var fix = DecodeOne(Good);

        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
        Assert.Null(fix.Hdop);
        Assert.Null(fix.Battery);
        Assert.False(fix.Emergency);
    }

    [Fact]
    public void Heading_is_also_read_from_heading_and_the_id_from_deviceid()
    {
        var fix = DecodeOne("deviceid=arv-7&lat=52.6369&lon=-1.1398&timestamp=1709294400&heading=90");

        Assert.Equal(("arv-7", 90.0), (fix.DeviceId, fix.Heading!.Value));
    }

    [Fact]
    public void Parameters_may_come_in_any_order_and_a_leading_question_mark_is_skipped()
    {
        var fix = DecodeOne("?speed=0&timestamp=1709294400&lon=-1.1398&batt=55.5&lat=52.6369&id=arv-7");

        Assert.Equal((Noon, 52.6369, -1.1398, 55.5), (fix.DeviceTime, fix.Latitude, fix.Longitude, fix.Battery!.Value));
    }

    [Theory]
    [InlineData("lat=52.6369&lon=-1.1398", 52.6369, -1.1398)]
    [InlineData("location=52.6369,-1.1398", 52.6369, -1.1398)]
    [InlineData("location=52.6369%2C-1.1398", 52.6369, -1.1398)]
    [InlineData("location=-33.8688,151.2093", -33.8688, 151.2093)]
    [InlineData("lat=1&lon=2&location=52.6369,-1.1398", 52.6369, -1.1398)]
    [InlineData("location=1,2&lat=52.6369&lon=-1.1398", 52.6369, -1.1398)]
    public void The_position_comes_from_lat_and_lon_or_location_whichever_is_last(string position, double latitude, double longitude)
    {
        var fix = DecodeOne("id=arv-7&timestamp=1709294400&" + position);

        Assert.Equal((latitude, longitude), (fix.Latitude, fix.Longitude));
    }

    [Theory]
    [InlineData("location=52.6369")]
    [InlineData("location=52.6369,")]
    [InlineData("location=,-1.1398")]
    [InlineData("location=52.6369;-1.1398")]
    [InlineData("location=north,west")]
    [InlineData("location=52.6369,-1.1398,67")]
    public void A_location_that_is_not_two_numbers_is_an_invalid_field(string position)
    {
        var rejection = DecodeRejected("id=arv-7&timestamp=1709294400&" + position, RejectionReason.InvalidField);

        Assert.StartsWith("location ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_range_values_are_left_for_the_validator()
    {
        var fix = DecodeOne("id=arv-7&timestamp=1709294400&lat=95&lon=-200&speed=-3&bearing=400&accuracy=-1&batt=150&hdop=-2");

        Assert.Equal((95.0, -200.0, 400.0, -1.0, 150.0, -2.0), (fix.Latitude, fix.Longitude, fix.Heading!.Value, fix.Accuracy!.Value, fix.Battery!.Value, fix.Hdop!.Value));
        Assert.True(fix.Speed < 0);
    }

    [Fact]
    public void Numbers_with_exponents_signs_and_no_leading_digit_are_read()
    {
        var fix = DecodeOne("id=arv-7&timestamp=1709294400&lat=5.26369E1&lon=-11398e-4&altitude=%2B67&hdop=.9");

        Assert.Equal((52.6369, -1.1398, 67.0, 0.9), (fix.Latitude, fix.Longitude, fix.Altitude!.Value, fix.Hdop!.Value));
    }

    // ---- Timestamps ----

    [Theory]
    [InlineData("1709294400", 0)]
    [InlineData("1709294400000", 0)]
    [InlineData("1709294400123", 123)]
    [InlineData("2024-03-01T12:00:00Z", 0)]
    [InlineData("2024-03-01T12:00:00.250Z", 250)]
    [InlineData("2024-03-01T12%3A00%3A00Z", 0)]
    [InlineData("2024-03-01T13:00:00%2B01:00", 0)]
    [InlineData("2024-03-01T13%3A00%3A00%2B01%3A00", 0)]
    [InlineData("2024-03-01T07:00:00-05:00", 0)]
    [InlineData("2024-03-01T12:00Z", 0)]
    public void Each_timestamp_form_is_read_as_utc(string timestamp, int milliseconds)
    {
        var fix = DecodeOne($"id=arv-7&lat=52.6369&lon=-1.1398&timestamp={timestamp}");

        Assert.Equal(Noon.AddMilliseconds(milliseconds), fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Fact]
    public void An_offset_whose_plus_was_sent_unencoded_arrives_as_a_space_and_is_read_as_plus()
    {
        var fix = DecodeOne("id=arv-7&lat=52.6369&lon=-1.1398&timestamp=2024-03-01T13:00:00+01:00");

        Assert.Equal(Noon, fix.DeviceTime);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("99999999999", 99_999_999_999_000)]
    [InlineData("100000000000", 100_000_000_000)]
    [InlineData("253402300799999", 253_402_300_799_999)]
    public void Integers_below_10_to_the_11_are_seconds_and_from_it_milliseconds(string timestamp, long unixMilliseconds)
    {
        var fix = DecodeOne($"id=arv-7&lat=52.6369&lon=-1.1398&timestamp={timestamp}");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds), fix.DeviceTime);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("253402300800000")]
    [InlineData("99999999999999999999")]
    [InlineData("1709294400.5")]
    [InlineData("1709294400%20")]
    [InlineData("%2B1709294400")]
    [InlineData("2024-03-01T12:00:00")]
    [InlineData("2024-03-01+12:00:00")]
    [InlineData("2024-03-01")]
    [InlineData("2024-03-01T12:00:00%2B0100")]
    [InlineData("2024-13-01T12:00:00Z")]
    [InlineData("2024-03-01T25:00:00Z")]
    [InlineData("01/03/2024 12:00:00Z")]
    [InlineData("yesterday")]
    [InlineData("now")]
    public void A_timestamp_in_no_form_we_read_is_an_invalid_field(string timestamp)
    {
        var rejection = DecodeRejected($"id=arv-7&lat=52.6369&lon=-1.1398&timestamp={timestamp}", RejectionReason.InvalidField);

        Assert.StartsWith("timestamp ", rejection.Detail, StringComparison.Ordinal);
    }

    // ---- Speed units ----

    [Theory]
    [InlineData(OsmAndSpeedUnit.Knots, "10", 5.144444444444445)]
    [InlineData(OsmAndSpeedUnit.Knots, "1", 0.5144444444444445)]
    [InlineData(OsmAndSpeedUnit.Knots, "194.384", 100.0)]
    [InlineData(OsmAndSpeedUnit.MetresPerSecond, "13.4", 13.4)]
    [InlineData(OsmAndSpeedUnit.KilometresPerHour, "36", 10.0)]
    [InlineData(OsmAndSpeedUnit.KilometresPerHour, "360", 100.0)]
    [InlineData(OsmAndSpeedUnit.Knots, "0", 0.0)]
    public void Speed_is_converted_from_the_devices_unit_to_mps(OsmAndSpeedUnit unit, string speed, double metresPerSecond)
    {
        var fix = DecodeOne(Good + "&speed=" + speed, unit);

        Assert.Equal(metresPerSecond, fix.Speed!.Value, 3);
    }

    [Theory]
    [InlineData(OsmAndSpeedUnit.Knots)]
    [InlineData(OsmAndSpeedUnit.KilometresPerHour)]
    [InlineData(OsmAndSpeedUnit.MetresPerSecond)]
    public void The_largest_finite_speed_stays_finite_in_every_unit_for_the_validator_to_refuse(OsmAndSpeedUnit unit)
    {
        var fix = DecodeOne(Good + "&speed=1.7976931348623157E308", unit);

        Assert.True(double.IsFinite(fix.Speed!.Value));
        Assert.Equal(RejectionReason.SpeedTooHigh, new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt)?.Reason);
    }

    [Fact]
    public void The_speed_unit_can_be_looked_up_by_device_id_once_the_id_is_known()
    {
        var asked = new List<string>();
        var fixes = new List<Fix>();

        OsmAndDecoder.DecodeQuery("speed=36&lat=52.6369&lon=-1.1398&timestamp=1709294400&id=arv-7", ReceivedAt, id =>
        {
            asked.Add(id);
            return OsmAndSpeedUnit.KilometresPerHour;
        }, fixes, [], out var deviceId);

        Assert.Equal(["arv-7"], asked);
        Assert.Equal(10, Assert.Single(fixes).Speed!.Value, 12);
        Assert.Equal("arv-7", deviceId);
    }

    [Theory]
    [InlineData(Good)]
    [InlineData("lat=52.6369&lon=-1.1398&timestamp=1709294400&speed=10")]
    [InlineData("id=bad%20id&lat=52.6369&lon=-1.1398&timestamp=1709294400&speed=10")]
    [InlineData("id=arv-7&lat=north&lon=-1.1398&timestamp=1709294400&speed=10")]
    public void The_speed_unit_is_not_looked_up_without_a_speed_or_without_a_fix(string query)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();

        OsmAndDecoder.DecodeQuery(query, ReceivedAt, _ => throw new InvalidOperationException("asked"), fixes, rejections, out _);
        OsmAndDecoder.DecodeForm(Encoding.ASCII.GetBytes(query), ReceivedAt, _ => throw new InvalidOperationException("asked"), fixes, rejections, out _);

        Assert.Equal(2, fixes.Count + rejections.Count);
    }

    [Fact]
    public void Each_speed_unit_converts_with_its_factor()
    {
        Assert.Equal(1852.0 / 3600.0, OsmAndSpeedUnit.Knots.ToMetresPerSecond(1));
        Assert.Equal(1000.0 / 3600.0, OsmAndSpeedUnit.KilometresPerHour.ToMetresPerSecond(1));
        Assert.Equal(13.4, OsmAndSpeedUnit.MetresPerSecond.ToMetresPerSecond(13.4));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((OsmAndSpeedUnit)99).ToMetresPerSecond(1));
    }

    // ---- Device id ----

    [Theory]
    [InlineData("id=")]
    [InlineData("deviceid=")]
    [InlineData("id")]
    [InlineData("ID=arv-7")]
    [InlineData("Id=arv-7")]
    public void A_missing_or_empty_id_is_a_missing_field(string id)
    {
        var rejection = DecodeRejected($"{id}&lat=52.6369&lon=-1.1398&timestamp=1709294400", RejectionReason.MissingField);

        Assert.StartsWith("id ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("arv%207")]
    [InlineData("arv+7")]
    [InlineData("arv/7")]
    [InlineData("arv%2F7")]
    [InlineData("%C3%A9quipe")]
    [InlineData("arv#7")]
    [InlineData("owntracks/jane/phone")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public void An_id_that_breaks_the_device_id_rules_is_a_bad_device_id(string id)
    {
        var result = Decode($"id={id}&lat=52.6369&lon=-1.1398&timestamp=1709294400");

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.BadDeviceId, Assert.Single(result.Rejections).Reason);
        Assert.Null(result.DeviceId);
    }

    [Fact]
    public void An_id_of_64_characters_is_accepted()
    {
        var id = new string('7', 64);

        Assert.Equal(id, DecodeOne($"id={id}&lat=52.6369&lon=-1.1398&timestamp=1709294400").DeviceId);
    }

    [Fact]
    public void An_id_problem_is_reported_before_any_other()
    {
        var rejection = DecodeRejected("lat=north&lon=west&timestamp=soon&valid=false", RejectionReason.MissingField);

        Assert.StartsWith("id ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_percent_encoded_id_is_decoded()
    {
        Assert.Equal("arv-7", DecodeOne("id=arv%2D7&lat=52.6369&lon=-1.1398&timestamp=1709294400").DeviceId);
    }

    // ---- Encoding and structure ----

    [Fact]
    public void Percent_encoded_names_are_recognised()
    {
        var fix = DecodeOne("%69d=arv-7&l%61t=52.6369&lo%6E=-1.1398&timestamp=1709294400&b%61tt=87");

        Assert.Equal(("arv-7", 52.6369, 87.0), (fix.DeviceId, fix.Latitude, fix.Battery!.Value));
    }

    [Theory]
    [InlineData("lat=52.6369%")]
    [InlineData("lat=52.6369%2")]
    [InlineData("lat=52.6369%G1")]
    [InlineData("lat=%%36")]
    public void A_broken_percent_escape_in_a_parameter_we_read_is_an_invalid_field_naming_it(string lat)
    {
        var rejection = DecodeRejected($"id=arv-7&{lat}&lon=-1.1398&timestamp=1709294400", RejectionReason.InvalidField);

        Assert.StartsWith("lat ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_percent_escape_in_a_parameter_we_ignore_is_ignored() =>
        DecodeOne(Good + "&note=100%&cell=%G1&%ZZ=1&wifi=00-14-22-01-23-45,-80");

    [Fact]
    public void A_value_longer_than_128_characters_in_a_parameter_we_read_is_an_invalid_field()
    {
        var rejection = DecodeRejected(Good + "&altitude=" + new string('1', 129), RejectionReason.InvalidField);

        Assert.StartsWith("altitude ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_values_and_empty_pairs_are_as_if_absent()
    {
        var fix = DecodeOne("&&id=arv-7&&lat=52.6369&lon=-1.1398&timestamp=1709294400&speed=&bearing=&altitude=&accuracy=&hdop=&batt=&valid=&alarm=&=&=x&");

        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Battery);
    }

    [Fact]
    public void A_repeated_parameter_takes_its_last_value_and_an_empty_repeat_changes_nothing()
    {
        var fix = DecodeOne("id=arv-1&id=arv-7&lat=10&lat=52.6369&lon=-1.1398&timestamp=1&timestamp=1709294400&batt=50&batt=");

        Assert.Equal(("arv-7", 52.6369, Noon, 50.0), (fix.DeviceId, fix.Latitude, fix.DeviceTime, fix.Battery!.Value));
    }

    [Fact]
    public void A_good_id_after_a_bad_one_wins()
    {
        Assert.Equal("arv-7", DecodeOne("id=bad%20id&id=arv-7&lat=52.6369&lon=-1.1398&timestamp=1709294400").DeviceId);
        Assert.Null(Decode("id=arv-7&id=bad%20id&lat=52.6369&lon=-1.1398&timestamp=1709294400").DeviceId);
    }

    [Theory]
    [InlineData("", "id ")]
    [InlineData("?", "id ")]
    [InlineData("&", "id ")]
    [InlineData("id=arv-7", "timestamp ")]
    [InlineData("id=arv-7&timestamp=1709294400", "lat ")]
    [InlineData("id=arv-7&timestamp=1709294400&lat=52.6369", "lon ")]
    [InlineData("id=arv-7&timestamp=1709294400&lon=-1.1398", "lat ")]
    [InlineData("id=arv-7&timestamp=&lat=52.6369&lon=-1.1398", "timestamp ")]
    public void A_missing_required_parameter_is_a_missing_field_naming_it(string query, string detailStart)
    {
        var rejection = DecodeRejected(query, RejectionReason.MissingField);

        Assert.StartsWith(detailStart, rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lat", "north")]
    [InlineData("lat", "52,6369")]
    [InlineData("lat", "NaN")]
    [InlineData("lat", "Infinity")]
    [InlineData("lat", "1e400")]
    [InlineData("lat", "0x34")]
    [InlineData("lat", "52.6369%20")]
    [InlineData("lat", "+52.6369")]
    [InlineData("lon", "-1.1398W")]
    [InlineData("speed", "fast")]
    [InlineData("bearing", "NNW")]
    [InlineData("heading", "-")]
    [InlineData("altitude", "67m")]
    [InlineData("accuracy", "1e999")]
    [InlineData("hdop", "good")]
    [InlineData("batt", "87%25")]
    public void A_value_that_is_not_a_number_is_an_invalid_field_naming_the_parameter(string parameter, string value)
    {
        var rejection = DecodeRejected($"{Good}&{parameter}={value}", RejectionReason.InvalidField);

        Assert.StartsWith(parameter == "heading" ? "bearing" : parameter, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_bad_parameters_give_one_rejection_naming_the_first()
    {
        var rejection = DecodeRejected("id=arv-7&timestamp=1709294400&lon=west&lat=north&speed=fast", RejectionReason.InvalidField);

        Assert.StartsWith("lon ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_parameters_are_ignored_whatever_they_hold()
    {
        var fix = DecodeOne(Good + "&mock=true&charge=false&driverUniqueId=PC1042&cell=257,02,16,2224&vacc=3&Lat=10&LAT=10&latitude=10&timestamp2=0&=5&%00=1");

        Assert.Equal(52.6369, fix.Latitude);
    }

    // ---- valid and alarm ----

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    [InlineData("True")]
    [InlineData("1")]
    public void Valid_true_or_1_gives_a_fix(string valid) => DecodeOne(Good + "&valid=" + valid);

    [Theory]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("0")]
    public void Valid_false_or_0_is_no_fix(string valid)
    {
        var result = Decode(Good + "&valid=" + valid);

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.NoFix, Assert.Single(result.Rejections).Reason);
        Assert.Equal("arv-7", result.DeviceId);
    }

    [Fact]
    public void Valid_false_is_reported_even_without_a_position() =>
        DecodeRejected("id=arv-7&timestamp=1709294400&valid=false", RejectionReason.NoFix);

    [Theory]
    [InlineData("yes")]
    [InlineData("2")]
    [InlineData("t")]
    public void Valid_that_is_not_a_boolean_is_an_invalid_field(string valid) =>
        Assert.StartsWith("valid ", DecodeRejected(Good + "&valid=" + valid, RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData("sos", true)]
    [InlineData("SOS", false)]
    [InlineData("general", false)]
    [InlineData("lowBattery", false)]
    public void Alarm_sos_raises_the_emergency_flag_and_other_alarms_do_not(string alarm, bool emergency) =>
        Assert.Equal(emergency, DecodeOne(Good + "&alarm=" + alarm).Emergency);

    // ---- Sizes, bytes and lists ----

    [Fact]
    public void A_query_of_exactly_the_limit_is_read_and_one_character_more_is_payload_too_large()
    {
        var padded = Good + "&pad=" + new string('x', OsmAndDecoder.MaxQueryLength - Good.Length - 5);
        Assert.Equal(OsmAndDecoder.MaxQueryLength, padded.Length);

        DecodeOne(padded);
        var result = Decode(padded + "x");
        Assert.Equal(RejectionReason.PayloadTooLarge, Assert.Single(result.Rejections).Reason);
        Assert.Null(result.DeviceId);
    }

    [Fact]
    public void A_form_body_with_bytes_beyond_ascii_in_ignored_parameters_decodes()
    {
        var body = Encoding.UTF8.GetBytes(Good + "&note=Ambulance à Leicester ✓&name=PC 1042");
        var fixes = new List<Fix>();

        OsmAndDecoder.DecodeForm(body, ReceivedAt, OsmAndSpeedUnit.Knots, fixes, [], out var deviceId);

        Assert.Equal(("arv-7", 52.6369), (deviceId, Assert.Single(fixes).Latitude));
    }

    [Fact]
    public void A_form_body_with_bytes_beyond_ascii_in_the_id_is_a_bad_device_id()
    {
        var body = Encoding.UTF8.GetBytes("id=équipe-7&lat=52.6369&lon=-1.1398&timestamp=1709294400");
        var rejections = new List<Rejection>();

        OsmAndDecoder.DecodeForm(body, ReceivedAt, OsmAndSpeedUnit.Knots, [], rejections, out _);

        Assert.Equal(RejectionReason.BadDeviceId, Assert.Single(rejections).Reason);
    }

    [Fact]
    public void A_long_form_body_is_read_like_a_short_one()
    {
        var body = Encoding.ASCII.GetBytes(Good + "&pad=" + new string('x', 3000));
        var fixes = new List<Fix>();

        OsmAndDecoder.DecodeForm(body, ReceivedAt, OsmAndSpeedUnit.Knots, fixes, [], out _);

        Assert.Equal(52.6369, Assert.Single(fixes).Latitude);
    }

    [Fact]
    public void Decoding_appends_after_what_the_lists_already_held()
    {
        var earlier = DecodeOne(Good) with { DeviceId = "arv-1" };
        var fixes = new List<Fix> { earlier };
        var rejections = new List<Rejection> { new(RejectionReason.UnknownDevice, "earlier") };

        OsmAndDecoder.DecodeQuery(Good, ReceivedAt, OsmAndSpeedUnit.Knots, fixes, rejections, out _);
        OsmAndDecoder.DecodeQuery("id=arv-7", ReceivedAt, OsmAndSpeedUnit.Knots, fixes, rejections, out _);

        Assert.Equal(["arv-1", "arv-7"], fixes.Select(f => f.DeviceId));
        Assert.Equal([RejectionReason.UnknownDevice, RejectionReason.MissingField], rejections.Select(r => r.Reason));
    }

    [Fact]
    public void A_decoded_report_passes_the_validator()
    {
        var fix = DecodeOne(Good + "&speed=26&bearing=271.5&altitude=67&accuracy=5&hdop=0.9&batt=87");

        Assert.Null(new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt));
    }

    [Fact]
    public void Null_arguments_are_a_bug_not_a_rejection()
    {
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeQuery(Good, ReceivedAt, OsmAndSpeedUnit.Knots, null!, [], out _));
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeQuery(Good, ReceivedAt, OsmAndSpeedUnit.Knots, [], null!, out _));
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeQuery(Good, ReceivedAt, (Func<string, OsmAndSpeedUnit>)null!, [], [], out _));
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeForm("x"u8, ReceivedAt, OsmAndSpeedUnit.Knots, null!, [], out _));
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeForm(new byte[5000], ReceivedAt, OsmAndSpeedUnit.Knots, [], null!, out _));
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeForm("x"u8.ToArray(), ReceivedAt, (Func<string, OsmAndSpeedUnit>)null!, [], [], out _));
    }
}
