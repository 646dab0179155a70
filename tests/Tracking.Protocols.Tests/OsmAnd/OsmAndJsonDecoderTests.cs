using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.OsmAnd;

namespace Tracking.Protocols.Tests.OsmAnd;

/// <summary>
/// The JSON body of Traccar Client 9 and later. Real payloads are quoted from, and named by, their sources:
/// Traccar's OsmAnd decoder test (traccar/traccar src/test/java/org/traccar/protocol/OsmAndProtocolDecoderTest.java, testDecodeJson),
/// whose bodies are captured from Traccar Client on Android and on an iOS simulator;
/// the protocol page (traccar.org/osmand, "JSON format");
/// Traccar Client's location template (traccar/traccar-client lib/preferences.dart, _locationTemplate) and SOS quick action
/// (lib/quick_actions.dart: getCurrentPosition(extras: {'alarm': 'sos'})), rendered here with Leicester values.
/// Built payloads put a response car in Leicester city centre (52.6369, -1.1398) at 2024-03-01T12:00:00Z.
/// </summary>
public sealed class OsmAndJsonDecoderTests
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 1, 12, 0, 2, 500, TimeSpan.Zero);

    /// <summary>Traccar Client's template (preferences.dart), as the SDK renders it: one line, no spaces after the colons.</summary>
    private const string Template = """{"timestamp":"2024-03-01T12:00:00.000Z","coords":{"latitude":52.6369,"longitude":-1.1398,"accuracy":4.8,"speed":13.4,"heading":271.5,"altitude":67.2},"is_moving":true,"odometer":1234.5,"event":"motionchange","battery":{"level":0.87,"is_charging":false},"activity":{"type":"in_vehicle"},"extras":{},"_":"&id=arv-7&lat=52.6369&lon=-1.1398&timestamp=2024-03-01T12:00:00.000Z&"}""";

    private const string Good = """{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7"}""";

    private sealed record Result(List<Fix> Fixes, List<Rejection> Rejections, string? DeviceId);

    private static Result Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    private static Result Decode(byte[] body)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        OsmAndDecoder.DecodeJson(body, ReceivedAt, fixes, rejections, out var deviceId);
        return new Result(fixes, rejections, deviceId);
    }

    private static Fix DecodeOne(string json)
    {
        var result = Decode(json);
        Assert.Empty(result.Rejections);
        var fix = Assert.Single(result.Fixes);
        Assert.Equal(fix.DeviceId, result.DeviceId);
        return fix;
    }

    private static Rejection DecodeRejected(string json, RejectionReason reason) => DecodeRejected(Encoding.UTF8.GetBytes(json), reason);

    private static Rejection DecodeRejected(byte[] body, RejectionReason reason)
    {
        var result = Decode(body);
        Assert.Empty(result.Fixes);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(reason, rejection.Reason);
        return rejection;
    }

    private static string WithLocation(string location) => $$"""{"location":{{location}},"device_id":"arv-7"}""";

    private static string WithCoords(string coords) => WithLocation($$"""{"timestamp":"2024-03-01T12:00:00Z","coords":{{coords}}}""");

    // ---- Real payloads ----

    [Fact]
    public void Traccar_capture_from_android_decodes_to_exact_values()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeJson, first body: heading -1 is the SDK's "unknown".
        var fix = DecodeOne("""{"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},"activity":{"type":"still"},"extras":{},"_":"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"48241179"}""");

        Assert.Equal(new Fix
        {
            DeviceId = "48241179",
            DeviceTime = new DateTimeOffset(2025, 6, 15, 13, 45, 12, 862, TimeSpan.Zero),
            Latitude = 37.4219983,
            Longitude = -122.084,
            Speed = 0,
            Heading = null,
            Accuracy = 5,
            Altitude = 5,
            Battery = 100,
            Source = FixSource.OsmAnd,
            ReceivedAt = ReceivedAt,
        }, fix);
    }

    [Fact]
    public void Traccar_capture_with_typed_extras_ignores_them()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeJson, second body.
        var fix = DecodeOne("""{"location":{"timestamp":"2025-06-15T13:45:12.862Z","coords":{"latitude":37.4219983,"longitude":-122.084,"accuracy":5,"speed":0,"heading":-1,"altitude":5},"is_moving":false,"odometer":0,"event":"motionchange","battery":{"level":1,"is_charging":false},"activity":{"type":"still"},"extras":{"device_string_test":"long_device_id","device_bool_test":true,"device_bool_false_test":false,"device_integer_test":1,"device_double_test":1.345,"device_very_long_double_test":1763636.3442},"_":"&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&"},"device_id":"48241179"}""");

        Assert.Equal(("48241179", 37.4219983, -122.084, false), (fix.DeviceId, fix.Latitude, fix.Longitude, fix.Emergency));
    }

    [Fact]
    public void Traccar_capture_from_an_ios_simulator_reads_its_minus_ones_as_unknown()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeJson, third body: speed, heading and battery level are all -1, floor is null.
        var fix = DecodeOne("""{"location":{"extras":{},"mock":true,"coords":{"speed_accuracy":-1,"speed":-1,"longitude":-122.406417,"ellipsoidal_altitude":0,"floor":null,"heading_accuracy":-1,"latitude":37.785834000000001,"accuracy":5,"altitude_accuracy":-1,"altitude":0,"heading":-1},"is_moving":false,"age":188,"odometer":0,"uuid":"2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8","event":"motionchange","battery":{"level":-1,"is_charging":false},"activity":{"type":"unknown","confidence":100},"timestamp":"2025-05-09T04:11:30.579Z"},"device_id":"658765"}""");

        Assert.Equal(("658765", 37.785834000000001, -122.406417, 5.0, 0.0), (fix.DeviceId, fix.Latitude, fix.Longitude, fix.Accuracy!.Value, fix.Altitude!.Value));
        Assert.Equal(new DateTimeOffset(2025, 5, 9, 4, 11, 30, 579, TimeSpan.Zero), fix.DeviceTime);
        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Battery);
    }

    [Fact]
    public void Traccar_capture_moving_south_of_the_equator_keeps_speed_in_mps_and_battery_in_percent()
    {
        // OsmAndProtocolDecoderTest.java, testDecodeJson, fourth body: device_id after location, battery members swapped.
        var fix = DecodeOne("""{"location":{"event":"motionchange","is_moving":false,"uuid":"0e9a2473-a9a7-4c00-997b-fb97d2154e75","timestamp":"2021-07-21T08:06:34.444Z","odometer":0,"coords":{"latitude":-6.1148096,"longitude":106.6837015,"accuracy":3.8,"speed":18.67,"speed_accuracy":0.26,"heading":63,"heading_accuracy":0.28,"altitude":35.7,"altitude_accuracy":3.8},"activity":{"type":"still","confidence":100},"battery":{"is_charging":false,"level":0.79},"extras":{}},"device_id":"8737767034"}""");

        Assert.Equal(new Fix
        {
            DeviceId = "8737767034",
            DeviceTime = new DateTimeOffset(2021, 7, 21, 8, 6, 34, 444, TimeSpan.Zero),
            Latitude = -6.1148096,
            Longitude = 106.6837015,
            Speed = 18.67,
            Heading = 63,
            Accuracy = 3.8,
            Altitude = 35.7,
            Battery = 79,
            Source = FixSource.OsmAnd,
            ReceivedAt = ReceivedAt,
        }, fix);
    }

    [Fact]
    public void The_protocol_page_example_decodes_and_is_left_for_the_validator()
    {
        // traccar.org/osmand, "JSON format", with its // comments removed: every value is zero, so the validator refuses it.
        var fix = DecodeOne("""
            {
              "location": {
                "timestamp": "2000-01-01T00:00:00.000Z",
                "coords": {
                  "latitude": 0.0,
                  "longitude": 0.0,
                  "accuracy": 0,
                  "speed": 0,
                  "heading": 0,
                  "altitude": 0
                },
                "is_moving": false,
                "odometer": 0,
                "event": "motionchange",
                "battery": {
                  "level": 1,
                  "is_charging": false
                },
                "activity": {
                  "type": "still"
                },
                "extras": {}
              },
              "device_id": "48241179"
            }
            """);

        Assert.Equal(("48241179", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), 100.0), (fix.DeviceId, fix.DeviceTime, fix.Battery!.Value));
        Assert.Equal(RejectionReason.NullIsland, new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt)?.Reason);
    }

    [Fact]
    public void Traccar_client_template_rendered_in_leicester_maps_every_member()
    {
        var fix = DecodeOne(WithTemplate(Template));

        Assert.Equal(new Fix
        {
            DeviceId = "arv-7",
            DeviceTime = Noon,
            Latitude = 52.6369,
            Longitude = -1.1398,
            Speed = 13.4,
            Heading = 271.5,
            Accuracy = 4.8,
            Altitude = 67.2,
            Battery = 87,
            Source = FixSource.OsmAnd,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.Null(new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt));
    }

    private static string WithTemplate(string location) => $$"""{"location":{{location}},"device_id":"arv-7"}""";

    [Fact]
    public void Sos_from_traccar_clients_quick_action_merged_into_the_record_raises_the_emergency_flag() =>
        Assert.True(DecodeOne(WithTemplate(Template[..^1] + ""","alarm":"sos"}""")).Emergency);

    [Fact]
    public void Sos_left_under_extras_raises_the_emergency_flag() =>
        Assert.True(DecodeOne(WithTemplate(Template.Replace("\"extras\":{}", "\"extras\":{\"alarm\":\"sos\"}", StringComparison.Ordinal))).Emergency);

    [Theory]
    [InlineData("""{"heartbeat":true}""")]
    [InlineData("""{"alarm":"general"}""")]
    [InlineData("""{"alarm":true}""")]
    [InlineData("""{"alarm":{"type":"sos"}}""")]
    [InlineData("""{"nested":{"alarm":"sos"}}""")]
    [InlineData("[]")]
    [InlineData("\"sos\"")]
    public void Other_extras_are_not_an_emergency(string extras) =>
        Assert.False(DecodeOne(WithTemplate(Template.Replace("\"extras\":{}", "\"extras\":" + extras, StringComparison.Ordinal))).Emergency);

    // ---- Members, built ----

    [Fact]
    public void Absent_optional_members_are_null()
    {
        var fix = DecodeOne(Good);

        Assert.Equal(("arv-7", Noon, 52.6369, -1.1398), (fix.DeviceId, fix.DeviceTime, fix.Latitude, fix.Longitude));
        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
        Assert.Null(fix.Battery);
        Assert.Null(fix.Hdop);
        Assert.False(fix.Emergency);
    }

    [Fact]
    public void Optional_members_given_as_null_are_null()
    {
        var fix = DecodeOne(WithCoords("""{"latitude":52.6369,"longitude":-1.1398,"accuracy":null,"speed":null,"heading":null,"altitude":null}"""));

        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
    }

    [Theory]
    [InlineData("speed")]
    [InlineData("heading")]
    [InlineData("accuracy")]
    public void A_negative_speed_heading_or_accuracy_is_the_sdks_unknown(string member) =>
        Assert.Equal((double?)null, member switch
        {
            "speed" => DecodeOne(WithCoords("""{"latitude":52.6369,"longitude":-1.1398,"speed":-0.5}""")).Speed,
            "heading" => DecodeOne(WithCoords("""{"latitude":52.6369,"longitude":-1.1398,"heading":-1}""")).Heading,
            _ => DecodeOne(WithCoords("""{"latitude":52.6369,"longitude":-1.1398,"accuracy":-1}""")).Accuracy,
        });

    [Fact]
    public void A_negative_altitude_is_kept()
    {
        Assert.Equal(-12.5, DecodeOne(WithCoords("""{"latitude":52.6369,"longitude":-1.1398,"altitude":-12.5}""")).Altitude);
    }

    [Fact]
    public void Zero_speed_heading_and_accuracy_are_kept()
    {
        var fix = DecodeOne(WithCoords("""{"latitude":52.6369,"longitude":-1.1398,"speed":0,"heading":0,"accuracy":0}"""));

        Assert.Equal((0.0, 0.0, 0.0), (fix.Speed!.Value, fix.Heading!.Value, fix.Accuracy!.Value));
    }

    [Theory]
    [InlineData("1", 100.0)]
    [InlineData("0", 0.0)]
    [InlineData("0.5", 50.0)]
    [InlineData("0.79", 79.0)]
    [InlineData("0.123456", 12.35)]
    [InlineData("1.5", 150.0)]
    [InlineData("-1", null)]
    [InlineData("-0.01", null)]
    [InlineData("null", null)]
    public void Battery_level_as_a_fraction_is_stored_in_percent(string level, double? percent)
    {
        var fix = DecodeOne(WithLocation($$$"""{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"battery":{"level":{{{level}}},"is_charging":true}}"""));

        Assert.Equal(percent, fix.Battery);
    }

    [Fact]
    public void A_battery_level_too_large_for_a_percentage_is_an_invalid_field_not_an_infinite_battery() =>
        Assert.StartsWith("location.battery.level ", DecodeRejected(WithLocation("""{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"battery":{"level":1e307}}"""), RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Fact]
    public void Battery_without_a_level_or_as_null_has_no_battery()
    {
        Assert.Null(DecodeOne(WithLocation("""{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"battery":{"is_charging":true}}""")).Battery);
        Assert.Null(DecodeOne(WithLocation("""{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"battery":null}""")).Battery);
    }

    [Theory]
    [InlineData("2024-03-01T12:00:00Z", 0)]
    [InlineData("2024-03-01T12:00:00.250Z", 250)]
    [InlineData("2024-03-01T13:00:00+01:00", 0)]
    [InlineData("2024-03-01T07:00:00.5-05:00", 500)]
    [InlineData("2024-03-01T12:00:00\\u005A", 0)]
    public void Timestamp_with_a_zone_is_read_as_utc(string timestamp, int milliseconds)
    {
        var fix = DecodeOne(WithLocation($$$"""{"timestamp":"{{{timestamp}}}","coords":{"latitude":52.6369,"longitude":-1.1398}}"""));

        Assert.Equal(Noon.AddMilliseconds(milliseconds), fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Theory]
    [InlineData("\"2024-03-01T12:00:00\"")]
    [InlineData("\"2024-03-01 12:00:00Z\"")]
    [InlineData("\"2024-03-01\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("1709294400000")]
    [InlineData("true")]
    [InlineData("{}")]
    public void Timestamp_without_a_zone_or_not_iso_is_an_invalid_field(string timestamp)
    {
        var rejection = DecodeRejected(WithLocation($$$"""{"timestamp":{{{timestamp}}},"coords":{"latitude":52.6369,"longitude":-1.1398}}"""), RejectionReason.InvalidField);

        Assert.StartsWith("location.timestamp ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_id_may_come_before_the_location_and_members_in_any_order()
    {
        var fix = DecodeOne("""{"device_id":"arv-7","location":{"coords":{"altitude":67,"longitude":-1.1398,"latitude":52.6369},"timestamp":"2024-03-01T12:00:00Z"}}""");

        Assert.Equal(("arv-7", 52.6369, -1.1398, 67.0), (fix.DeviceId, fix.Latitude, fix.Longitude, fix.Altitude!.Value));
    }

    [Fact]
    public void Escaped_member_names_are_recognised()
    {
        var fix = DecodeOne("""{"\u006cocation":{"timestamp":"2024-03-01T12:00:00Z","c\u006fords":{"\u006catitude":52.6369,"longitud\u0065":-1.1398,"sp\u0065ed":13.4}},"device\u005fid":"arv-7"}""");

        Assert.Equal((52.6369, -1.1398, 13.4), (fix.Latitude, fix.Longitude, fix.Speed!.Value));
    }

    [Fact]
    public void An_escaped_device_id_is_unescaped_before_it_is_checked() =>
        Assert.Equal("arv-7", DecodeOne("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv\u002D7"}""").DeviceId);

    // ---- Device id ----

    [Theory]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}}}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":null}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"device_id":"arv-7"}}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"id":"arv-7"}""")]
    [InlineData("{}")]
    public void A_missing_device_id_is_a_missing_field_and_no_id_is_returned(string json)
    {
        var result = Decode(json);

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.MissingField, Assert.Single(result.Rejections).Reason);
        Assert.StartsWith("device_id ", result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Null(result.DeviceId);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"arv 7\"")]
    [InlineData("\"arv/7\"")]
    [InlineData("\"équipe-7\"")]
    [InlineData("\"x12345678901234567890123456789012345678901234567890123456789012345\"")]
    public void A_device_id_that_breaks_the_rules_is_a_bad_device_id(string id)
    {
        var result = Decode($$$"""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":{{{id}}}}""");

        Assert.Equal(RejectionReason.BadDeviceId, Assert.Single(result.Rejections).Reason);
        Assert.Null(result.DeviceId);
    }

    [Fact]
    public void A_very_long_device_id_is_a_bad_device_id_without_being_copied()
    {
        var id = new string('7', 5000);

        DecodeRejected($$$"""{"device_id":"{{{id}}}","location":{}}""", RejectionReason.BadDeviceId);
    }

    [Theory]
    [InlineData("48241179")]
    [InlineData("true")]
    [InlineData("[\"arv-7\"]")]
    [InlineData("{\"id\":\"arv-7\"}")]
    public void A_device_id_that_is_not_a_string_is_an_invalid_field(string id)
    {
        var rejection = DecodeRejected($$$"""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":{{{id}}}}""", RejectionReason.InvalidField);

        Assert.StartsWith("device_id ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_id_problem_is_reported_before_a_location_problem() =>
        Assert.StartsWith("device_id ", DecodeRejected("""{"location":"nowhere","device_id":"a b"}""", RejectionReason.BadDeviceId).Detail, StringComparison.Ordinal);

    // ---- Location problems ----

    [Theory]
    [InlineData("""{"device_id":"arv-7"}""", "location ")]
    [InlineData("""{"location":null,"device_id":"arv-7"}""", "location ")]
    [InlineData("""{"location":{"coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7"}""", "location.timestamp ")]
    [InlineData("""{"location":{"timestamp":null,"coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7"}""", "location.timestamp ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z"},"device_id":"arv-7"}""", "location.coords ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":null},"device_id":"arv-7"}""", "location.coords ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"longitude":-1.1398}},"device_id":"arv-7"}""", "location.coords.latitude ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369}},"device_id":"arv-7"}""", "location.coords.longitude ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":null,"longitude":-1.1398}},"device_id":"arv-7"}""", "location.coords.latitude ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{}},"device_id":"arv-7"}""", "location.coords.latitude ")]
    public void A_missing_required_member_is_a_missing_field_naming_it_and_the_id_is_returned(string json, string detailStart)
    {
        var result = Decode(json);

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.MissingField, Assert.Single(result.Rejections).Reason);
        Assert.StartsWith(detailStart, result.Rejections[0].Detail, StringComparison.Ordinal);
        Assert.Equal("arv-7", result.DeviceId);
    }

    [Theory]
    [InlineData("latitude", "\"52.6369\"")]
    [InlineData("latitude", "true")]
    [InlineData("longitude", "[-1.1398]")]
    [InlineData("accuracy", "\"5\"")]
    [InlineData("speed", "{}")]
    [InlineData("heading", "\"NW\"")]
    [InlineData("altitude", "false")]
    [InlineData("latitude", "1e400")]
    [InlineData("speed", "-1e400")]
    public void A_coordinate_member_of_the_wrong_type_is_an_invalid_field_naming_it(string member, string value)
    {
        var rejection = DecodeRejected(WithCoords($$"""{"latitude":52.6369,"longitude":-1.1398,"{{member}}":{{value}}}"""), RejectionReason.InvalidField);

        Assert.StartsWith("location.coords." + member + " ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"location":"52.6369,-1.1398","device_id":"arv-7"}""", "location ")]
    [InlineData("""{"location":52.6369,"device_id":"arv-7"}""", "location ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":[52.6369,-1.1398]},"device_id":"arv-7"}""", "location.coords ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"battery":87},"device_id":"arv-7"}""", "location.battery ")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"battery":{"level":"87%"}},"device_id":"arv-7"}""", "location.battery.level ")]
    public void A_structure_of_the_wrong_type_is_an_invalid_field_naming_it(string json, string detailStart) =>
        Assert.StartsWith(detailStart, DecodeRejected(json, RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Fact]
    public void A_bad_member_is_reported_before_a_missing_one() =>
        Assert.StartsWith("location.coords.speed ", DecodeRejected(WithLocation("""{"coords":{"speed":"fast"}}"""), RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Fact]
    public void A_location_array_from_the_sdks_batch_sync_is_an_unsupported_message_for_the_device()
    {
        var result = Decode($$"""{"location":[{{Template}},{{Template}}],"device_id":"arv-7"}""");

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.UnsupportedMessage, Assert.Single(result.Rejections).Reason);
        Assert.Equal("arv-7", result.DeviceId);
    }

    [Theory]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398,"floor":null,"ellipsoidal_altitude":70.1,"speed_accuracy":0.3}},"device_id":"arv-7"}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"geofence":{"identifier":"HQ","action":"ENTER"},"provider":{"gps":true}},"device_id":"arv-7"}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398},"latitude":10,"device_id":"x y"},"device_id":"arv-7","coords":{"latitude":10}}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7","params":{"device_id":"other"},"api_key":"x"}""")]
    public void Unknown_members_at_any_level_are_ignored(string json)
    {
        var fix = DecodeOne(json);

        Assert.Equal(("arv-7", 52.6369, -1.1398), (fix.DeviceId, fix.Latitude, fix.Longitude));
    }

    // ---- Malformed bodies ----

    [Theory]
    [InlineData("{\"location\":{\"timestamp\":\"2024-03-01T12:00:00Z\",\"coords\":{\"latitude\":52.6369,\"longitude\":-1.1398}},\"device_id\":\"arv-7\"")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7"} x""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7",}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":NaN,"longitude":-1.1398}},"device_id":"arv-7"}""")]
    [InlineData("""[{"location":{"timestamp":"2024-03-01T12:00:00Z","coords":{"latitude":52.6369,"longitude":-1.1398}},"device_id":"arv-7"}]""")]
    [InlineData("id=arv-7&lat=52.6369&lon=-1.1398&timestamp=1709294400")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("null")]
    [InlineData("\"arv-7\"")]
    [InlineData("""{"location":{"timestamp":"\ud800"},"device_id":"arv-7"}""")]
    [InlineData("""{"location":{"timestamp":"2024-03-01T12:00:00Z"},"device_id":"\udc00"}""")]
    [InlineData("""{"\ud800location":{}}""")]
    public void A_malformed_body_is_one_malformed_json_rejection_and_no_id(string json)
    {
        var result = Decode(json);

        Assert.Empty(result.Fixes);
        Assert.Equal(RejectionReason.MalformedJson, Assert.Single(result.Rejections).Reason);
        Assert.Null(result.DeviceId);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_malformed_json_not_an_exception()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 100)) + "1" + new string('}', 100);

        DecodeRejected(WithTemplate(Template.Replace("\"extras\":{}", "\"extras\":" + deep, StringComparison.Ordinal)), RejectionReason.MalformedJson);
    }

    [Fact]
    public void A_body_of_exactly_the_limit_is_read_and_one_byte_more_is_payload_too_large()
    {
        const string head = """{"pad":" """;
        var padding = new string('x', OsmAndDecoder.MaxJsonBytes - head.Length - Good.Length - 1);
        var body = Encoding.UTF8.GetBytes(head + padding + "\"," + Good[1..]);
        Assert.Equal(OsmAndDecoder.MaxJsonBytes, body.Length);

        Assert.Single(Decode(body).Fixes);
        var tooLarge = Encoding.UTF8.GetBytes(head + padding + "x\"," + Good[1..]);
        DecodeRejected(tooLarge, RejectionReason.PayloadTooLarge);
    }

    [Fact]
    public void Decoding_appends_after_what_the_lists_already_held()
    {
        var earlier = DecodeOne(Good) with { DeviceId = "arv-1" };
        var fixes = new List<Fix> { earlier };
        var rejections = new List<Rejection> { new(RejectionReason.UnknownDevice, "earlier") };

        OsmAndDecoder.DecodeJson(Encoding.UTF8.GetBytes(Good), ReceivedAt, fixes, rejections, out _);
        OsmAndDecoder.DecodeJson("{}"u8, ReceivedAt, fixes, rejections, out _);

        Assert.Equal(["arv-1", "arv-7"], fixes.Select(f => f.DeviceId));
        Assert.Equal([RejectionReason.UnknownDevice, RejectionReason.MissingField], rejections.Select(r => r.Reason));
    }

    [Fact]
    public void Null_lists_are_a_bug_not_a_rejection()
    {
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeJson("{}"u8, ReceivedAt, null!, [], out _));
        Assert.Throws<ArgumentNullException>(() => OsmAndDecoder.DecodeJson("{}"u8, ReceivedAt, [], null!, out _));
    }
}
