using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.Native;

namespace Tracking.Protocols.Tests.Native;

/// <summary>
/// Payloads are written by hand in the native format documented on <see cref="NativeFixDecoder"/>:
/// a response car in Leicester city centre (52.6369, -1.1398) at 2024-03-01T12:00:00Z (unix ms 1709294400000).
/// </summary>
public sealed class NativeFixDecoderTests
{
    private const long NoonMs = 1_709_294_400_000;
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 1, 12, 0, 2, 500, TimeSpan.Zero);
    private static readonly DecodeContext Context = new("veh-1", ReceivedAt);

    private const string Good = """{"t":1709294400000,"lat":52.6369,"lon":-1.1398}""";

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(byte[] payload)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        NativeFixDecoder.Decode(payload, Context, fixes, rejections);
        return (fixes, rejections);
    }

    private static Fix DecodeOne(string json)
    {
        var (fixes, rejections) = Decode(json);
        Assert.Empty(rejections);
        return Assert.Single(fixes);
    }

    private static Rejection DecodeRejected(string json, RejectionReason reason) => DecodeRejected(Encoding.UTF8.GetBytes(json), reason);

    private static Rejection DecodeRejected(byte[] payload, RejectionReason reason)
    {
        var (fixes, rejections) = Decode(payload);
        Assert.Empty(fixes);
        var rejection = Assert.Single(rejections);
        Assert.Equal(reason, rejection.Reason);
        return rejection;
    }

    /// <summary>A good fix padded with an unknown string member to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] PaddedPayload(int size)
    {
        const string head = "{\"t\":1709294400000,\"lat\":52.6369,\"lon\":-1.1398,\"pad\":\"";
        const string tail = "\"}";
        var payload = Encoding.UTF8.GetBytes(head + new string('x', size - head.Length - tail.Length) + tail);
        Assert.Equal(size, payload.Length);
        return payload;
    }

    [Fact]
    public void A_single_object_with_every_field_decodes_to_exact_values()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"spd":13.41,"hdg":271.5,"acc":4.8,"alt":67.2}""");

        Assert.Equal(new Fix
        {
            DeviceId = "veh-1",
            DeviceTime = Noon,
            Latitude = 52.6369,
            Longitude = -1.1398,
            Speed = 13.41,
            Heading = 271.5,
            Accuracy = 4.8,
            Altitude = 67.2,
            Source = FixSource.Native,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Fact]
    public void Device_id_and_received_time_come_from_the_context_not_the_payload()
    {
        var fix = DecodeOne("""{"id":"veh-9","dev":"veh-9","t":1709294400000,"lat":52.6369,"lon":-1.1398,"received":1}""");

        Assert.Equal("veh-1", fix.DeviceId);
        Assert.Equal(ReceivedAt, fix.ReceivedAt);
        Assert.Equal(FixSource.Native, fix.Source);
    }

    [Fact]
    public void Absent_optional_fields_are_null()
    {
        var fix = DecodeOne(Good);

        Assert.Equal(52.6369, fix.Latitude);
        Assert.Equal(-1.1398, fix.Longitude);
        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
    }

    [Fact]
    public void Optional_fields_given_as_null_are_null()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"spd":null,"hdg":null,"acc":null,"alt":null}""");

        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
    }

    [Fact]
    public void Some_optional_fields_present_and_others_absent_are_kept_apart()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"hdg":90,"alt":-3.5}""");

        Assert.Null(fix.Speed);
        Assert.Equal(90, fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Equal(-3.5, fix.Altitude);
    }

    [Fact]
    public void Members_may_come_in_any_order()
    {
        var fix = DecodeOne("""{"alt":67.2,"lon":-1.1398,"spd":0,"lat":52.6369,"t":1709294400000}""");

        Assert.Equal(Noon, fix.DeviceTime);
        Assert.Equal(52.6369, fix.Latitude);
        Assert.Equal(-1.1398, fix.Longitude);
        Assert.Equal(0, fix.Speed);
        Assert.Equal(67.2, fix.Altitude);
    }

    [Fact]
    public void Numbers_in_exponent_or_integer_form_are_read()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":5.26369E1,"lon":-11398e-4,"spd":13,"hdg":2.715e+2}""");

        Assert.Equal(52.6369, fix.Latitude);
        Assert.Equal(-1.1398, fix.Longitude);
        Assert.Equal(13, fix.Speed);
        Assert.Equal(271.5, fix.Heading);
    }

    [Fact]
    public void Out_of_range_values_are_left_for_the_validator()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":95,"lon":-200,"spd":-3,"hdg":400,"acc":-1}""");

        Assert.Equal(95, fix.Latitude);
        Assert.Equal(-200, fix.Longitude);
        Assert.Equal(-3, fix.Speed);
        Assert.Equal(400, fix.Heading);
        Assert.Equal(-1, fix.Accuracy);
    }

    [Fact]
    public void Unix_milliseconds_are_read_as_utc_to_the_millisecond()
    {
        var fix = DecodeOne("""{"t":1709294400123,"lat":52.6369,"lon":-1.1398}""");

        Assert.Equal(Noon.AddMilliseconds(123), fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Fact]
    public void Unix_milliseconds_at_both_ends_of_the_range_are_accepted()
    {
        Assert.Equal(DateTimeOffset.UnixEpoch, DecodeOne("""{"t":0,"lat":52.6369,"lon":-1.1398}""").DeviceTime);
        Assert.Equal(
            new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
            DecodeOne("""{"t":253402300799999,"lat":52.6369,"lon":-1.1398}""").DeviceTime);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-1709294400000")]
    [InlineData("253402300800000")]
    [InlineData("9223372036854775807")]
    [InlineData("99999999999999999999")]
    [InlineData("1e400")]
    [InlineData("1709294400000.5")]
    public void Negative_huge_or_fractional_unix_milliseconds_are_an_invalid_field(string time)
    {
        var rejection = DecodeRejected($$"""{"t":{{time}},"lat":52.6369,"lon":-1.1398}""", RejectionReason.InvalidField);

        Assert.StartsWith("t ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Iso_time_with_z_is_read_as_utc()
    {
        var fix = DecodeOne("""{"t":"2024-03-01T12:00:00.250Z","lat":52.6369,"lon":-1.1398}""");

        Assert.Equal(Noon.AddMilliseconds(250), fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Fact]
    public void Iso_time_with_a_plus_one_hour_offset_is_converted_to_utc()
    {
        var fix = DecodeOne("""{"t":"2024-03-01T13:00:00+01:00","lat":52.6369,"lon":-1.1398}""");

        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc), fix.DeviceTime.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0), fix.DeviceTime.DateTime);
    }

    [Fact]
    public void Iso_time_with_a_negative_offset_is_converted_to_utc()
    {
        var fix = DecodeOne("""{"t":"2024-03-01T07:00:00-05:00","lat":52.6369,"lon":-1.1398}""");

        Assert.Equal(new DateTime(2024, 3, 1, 12, 0, 0, DateTimeKind.Utc), fix.DeviceTime.UtcDateTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Theory]
    [InlineData("2024-03-01T12:00:00")]
    [InlineData("2024-03-01T12:00:00.250")]
    [InlineData("2024-03-01T12:00")]
    [InlineData("2024-03-01")]
    public void Iso_time_without_an_offset_is_an_invalid_field(string time)
    {
        var rejection = DecodeRejected($$"""{"t":"{{time}}","lat":52.6369,"lon":-1.1398}""", RejectionReason.InvalidField);

        Assert.StartsWith("t ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"\"")]
    [InlineData("\"2024-13-01T12:00:00Z\"")]
    [InlineData("\"2024-03-01T25:00:00Z\"")]
    [InlineData("\"1709294400000\"")]
    [InlineData("true")]
    [InlineData("{\"ms\":1709294400000}")]
    [InlineData("[1709294400000]")]
    public void Time_that_is_neither_iso_nor_unix_milliseconds_is_an_invalid_field(string time)
    {
        var rejection = DecodeRejected($$"""{"t":{{time}},"lat":52.6369,"lon":-1.1398}""", RejectionReason.InvalidField);

        Assert.StartsWith("t ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lat", "\"52.6369\"")]
    [InlineData("lat", "true")]
    [InlineData("lat", "{\"deg\":52.6369}")]
    [InlineData("lat", "[52.6369]")]
    [InlineData("lon", "\"-1.1398\"")]
    [InlineData("spd", "\"13.4\"")]
    [InlineData("hdg", "false")]
    [InlineData("acc", "[4.8]")]
    [InlineData("alt", "{}")]
    public void A_field_that_is_not_a_number_is_an_invalid_field_naming_it(string field, string value)
    {
        var rejection = DecodeRejected($$"""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"{{field}}":{{value}}}""", RejectionReason.InvalidField);

        Assert.StartsWith(field + " ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lat", "1e400")]
    [InlineData("lat", "-1e400")]
    [InlineData("lon", "1e400")]
    [InlineData("spd", "1e400")]
    [InlineData("hdg", "-1e400")]
    [InlineData("acc", "1e400")]
    [InlineData("alt", "1e400")]
    public void A_number_too_large_for_a_double_is_an_invalid_field_naming_it(string field, string value)
    {
        var rejection = DecodeRejected($$"""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"{{field}}":{{value}}}""", RejectionReason.InvalidField);

        Assert.StartsWith(field + " ", rejection.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t", """{"lat":52.6369,"lon":-1.1398,"spd":13.4}""")]
    [InlineData("lat", """{"t":1709294400000,"lon":-1.1398,"spd":13.4}""")]
    [InlineData("lon", """{"t":1709294400000,"lat":52.6369,"spd":13.4}""")]
    [InlineData("t", """{"t":null,"lat":52.6369,"lon":-1.1398}""")]
    [InlineData("lat", """{"t":1709294400000,"lat":null,"lon":-1.1398}""")]
    [InlineData("lon", """{"t":1709294400000,"lat":52.6369,"lon":null}""")]
    public void A_missing_required_field_is_a_missing_field_naming_it(string field, string json)
    {
        var rejection = DecodeRejected(json, RejectionReason.MissingField);

        Assert.StartsWith(field + " ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_object_is_a_missing_field() => DecodeRejected("{}", RejectionReason.MissingField);

    [Fact]
    public void An_array_of_fixes_decodes_every_one_in_order()
    {
        var (fixes, rejections) = Decode("""
            [
              {"t":1709294400000,"lat":52.6369,"lon":-1.1398,"spd":8.9},
              {"t":"2024-03-01T12:00:05Z","lat":52.6372,"lon":-1.1391},
              {"t":1709294410000,"lat":52.6375,"lon":-1.1384,"hdg":45}
            ]
            """);

        Assert.Empty(rejections);
        Assert.Collection(
            fixes,
            f => Assert.Equal((Noon, 52.6369, -1.1398, (double?)8.9, (double?)null), (f.DeviceTime, f.Latitude, f.Longitude, f.Speed, f.Heading)),
            f => Assert.Equal((Noon.AddSeconds(5), 52.6372, -1.1391, (double?)null, (double?)null), (f.DeviceTime, f.Latitude, f.Longitude, f.Speed, f.Heading)),
            f => Assert.Equal((Noon.AddSeconds(10), 52.6375, -1.1384, (double?)null, (double?)45), (f.DeviceTime, f.Latitude, f.Longitude, f.Speed, f.Heading)));
        Assert.All(fixes, f => Assert.Equal(("veh-1", ReceivedAt, FixSource.Native), (f.DeviceId, f.ReceivedAt, f.Source)));
    }

    [Theory]
    [InlineData("""{"t":1709294405000,"lat":"52.6372","lon":-1.1391}""", RejectionReason.InvalidField, "lat ")]
    [InlineData("""{"t":1709294405000,"lat":52.6372}""", RejectionReason.MissingField, "lon ")]
    [InlineData("""{"lat":52.6372,"lon":-1.1391}""", RejectionReason.MissingField, "t ")]
    [InlineData("""{"t":"2024-03-01T12:00:05","lat":52.6372,"lon":-1.1391}""", RejectionReason.InvalidField, "t ")]
    [InlineData("""{"t":1709294405000,"lat":52.6372,"lon":-1.1391,"spd":1e400}""", RejectionReason.InvalidField, "spd ")]
    [InlineData("{}", RejectionReason.MissingField, "t ")]
    public void An_array_with_one_bad_element_keeps_the_good_ones(string bad, RejectionReason reason, string detailStart)
    {
        var (fixes, rejections) = Decode($$"""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{{bad}},{"t":1709294410000,"lat":52.6375,"lon":-1.1384}]""");

        Assert.Equal([Noon, Noon.AddSeconds(10)], fixes.Select(f => f.DeviceTime));
        var rejection = Assert.Single(rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.StartsWith(detailStart, rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_array_with_several_bad_elements_has_one_rejection_each()
    {
        var (fixes, rejections) = Decode($$"""[{"lat":52.6369,"lon":-1.1398},{{Good}},{"t":1709294400000,"lat":true,"lon":-1.1398}]""");

        Assert.Single(fixes);
        Assert.Equal([RejectionReason.MissingField, RejectionReason.InvalidField], rejections.Select(r => r.Reason));
    }

    [Fact]
    public void A_fix_with_several_bad_fields_has_one_rejection_naming_the_first()
    {
        var rejection = DecodeRejected("""{"t":1709294400000,"lat":"north","lon":"west","spd":"fast"}""", RejectionReason.InvalidField);

        Assert.StartsWith("lat ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_array_is_a_missing_field()
    {
        DecodeRejected("[]", RejectionReason.MissingField);
        DecodeRejected(" [ ] ", RejectionReason.MissingField);
    }

    [Theory]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},1]""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},null]""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},[{"t":1709294400000,"lat":52.6369,"lon":-1.1398}]]""")]
    [InlineData("""["{\"t\":1709294400000,\"lat\":52.6369,\"lon\":-1.1398}"]""")]
    public void An_array_element_that_is_not_an_object_is_malformed_json_and_drops_the_whole_array(string json) =>
        DecodeRejected(json, RejectionReason.MalformedJson);

    [Theory]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.13""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":""")]
    [InlineData("""{"t":"2024-03-01T12:00:00Z""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398} x""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398}}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398}{"t":1709294400000,"lat":52.6369,"lon":-1.1398}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398} // sent by veh-1""")]
    [InlineData("""{'t':1709294400000,'lat':52.6369,'lon':-1.1398}""")]
    [InlineData("""{t:1709294400000,lat:52.6369,lon:-1.1398}""")]
    [InlineData("""{"t":1709294400000,"lat":NaN,"lon":-1.1398}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"note":"line""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{"t":1709294410000,"lat":52.6375,"lon":-1.1384},{"t":""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{"t":1709294410000,"lat":52.6375,"lon":-1.1384},""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{"t":1709294410000,"lat":52.6375,"lon":-1.1384}""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{"t":1709294410000,"lat":52.6375,"lon":-1.1384}] x""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{"t":1709294410000,"lat":52.6375,"lon":-1.1384},]""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398}][]""")]
    [InlineData("lat=52.6369&lon=-1.1398")]
    [InlineData("$GPRMC,120000,A,5238.214,N,00108.388,W,26.0,271.5,010324,,*1B")]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("1709294400000")]
    [InlineData("52.6369")]
    [InlineData("\"2024-03-01T12:00:00Z\"")]
    [InlineData("\"hello\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void A_malformed_payload_is_one_malformed_json_rejection_and_no_fixes(string json) =>
        DecodeRejected(json, RejectionReason.MalformedJson);

    [Fact]
    public void A_malformed_payload_replaces_the_rejections_of_its_bad_elements()
    {
        var (fixes, rejections) = Decode($$"""[{{Good}},{"lat":52.6369,"lon":-1.1398},{"t":1709294400000,"lat":"x","lon":-1.1398},{{Good}}] trailing""");

        Assert.Empty(fixes);
        Assert.Equal(RejectionReason.MalformedJson, Assert.Single(rejections).Reason);
    }

    [Fact]
    public void Decoding_appends_and_a_malformed_payload_leaves_what_the_lists_already_held()
    {
        var earlierFix = DecodeOne(Good);
        var earlierRejection = new Rejection(RejectionReason.UnknownDevice, "from an earlier message");
        var fixes = new List<Fix> { earlierFix };
        var rejections = new List<Rejection> { earlierRejection };

        NativeFixDecoder.Decode(Encoding.UTF8.GetBytes($$"""[{{Good}},{"lat":1},{{Good}}"""), Context, fixes, rejections);

        Assert.Equal([earlierFix], fixes);
        Assert.Equal([earlierRejection.Reason, RejectionReason.MalformedJson], rejections.Select(r => r.Reason));
        Assert.Equal(earlierRejection, rejections[0]);
    }

    [Fact]
    public void Decoding_a_good_payload_appends_after_what_the_lists_already_held()
    {
        var earlierFix = DecodeOne(Good) with { DeviceId = "veh-0" };
        var fixes = new List<Fix> { earlierFix };
        var rejections = new List<Rejection>();

        NativeFixDecoder.Decode(Encoding.UTF8.GetBytes($"[{Good},{{}}]"), Context, fixes, rejections);

        Assert.Equal(["veh-0", "veh-1"], fixes.Select(f => f.DeviceId));
        Assert.Equal(RejectionReason.MissingField, Assert.Single(rejections).Reason);
    }

    [Theory]
    [InlineData("""{"dev":"veh-1","t":1709294400000,"lat":52.6369,"lon":-1.1398}""")]
    [InlineData("""{"t":1709294400000,"batt":87,"lat":52.6369,"charging":false,"lon":-1.1398,"note":null}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"meta":{"fw":"1.2.0","flags":[1,2,{"x":null}]}}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"sats":[{"prn":4,"snr":38},{"prn":9,"snr":41}]}""")]
    [InlineData("""{"cell":{"mcc":234,"mnc":15,"lac":[]},"t":1709294400000,"lat":52.6369,"lon":-1.1398}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"LAT":10,"Lon":20,"lat ":30,"lat2":40,"la":50,"time":0}""")]
    [InlineData("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"{\"lat\":1}":"{\"lat\":2}"}""")]
    public void Unknown_members_are_ignored_even_when_nested(string json)
    {
        var fix = DecodeOne(json);

        Assert.Equal((Noon, 52.6369, -1.1398), (fix.DeviceTime, fix.Latitude, fix.Longitude));
        Assert.Null(fix.Speed);
    }

    [Fact]
    public void Unknown_nested_members_are_ignored_inside_an_array()
    {
        var (fixes, rejections) = Decode("""[{"t":1709294400000,"meta":{"fw":"1.2.0","flags":[1,2]},"lat":52.6369,"lon":-1.1398},{"t":1709294410000,"lat":52.6375,"lon":-1.1384,"tags":["arv"]}]""");

        Assert.Empty(rejections);
        Assert.Equal([52.6369, 52.6375], fixes.Select(f => f.Latitude));
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_malformed_json_not_an_exception()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 100)) + "1" + new string('}', 100);

        DecodeRejected($$"""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"deep":{{deep}}}""", RejectionReason.MalformedJson);
    }

    [Fact]
    public void Escaped_member_names_are_recognised()
    {
        var fix = DecodeOne("""{"\u0074":1709294400000,"\u006cat":52.6369,"l\u006Fn":-1.1398,"\u0073\u0070\u0064":13.4,"hd\u0067":271.5,"\u0061cc":4.8,"al\u0074":67.2}""");

        Assert.Equal((Noon, 52.6369, -1.1398), (fix.DeviceTime, fix.Latitude, fix.Longitude));
        Assert.Equal((13.4, 271.5, 4.8, 67.2), (fix.Speed, fix.Heading, fix.Accuracy, fix.Altitude));
    }

    [Fact]
    public void An_escaped_name_that_unescapes_to_something_else_is_not_mistaken_for_a_field()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"\u006cat2":10,"l\u0061":20}""");

        Assert.Equal(52.6369, fix.Latitude);
    }

    [Theory]
    [InlineData("""2024-03-01T12:00:00\u005A""")]
    [InlineData("""\u0032024-03-01T12:00:00Z""")]
    [InlineData("""2024-03-01T13:00:00\u002B01:00""")]
    [InlineData("""2024-03-01T13:00:00+01\u003A00""")]
    public void An_escaped_iso_time_is_read(string time)
    {
        var fix = DecodeOne($$"""{"t":"{{time}}","lat":52.6369,"lon":-1.1398}""");

        Assert.Equal(Noon, fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Fact]
    public void An_escaped_iso_time_without_an_offset_is_an_invalid_field() =>
        DecodeRejected("""{"t":"2024-03-01T12:00:0\u0030","lat":52.6369,"lon":-1.1398}""", RejectionReason.InvalidField);

    /// <summary>
    /// Regression: the reader checks escapes only when a string is unescaped, and then throws
    /// InvalidOperationException rather than JsonException, which escaped the decoder.
    /// </summary>
    [Theory]
    [InlineData("""{"t":"\ud800","lat":52.6369,"lon":-1.1398}""")]
    [InlineData("""{"t":"2024-03-01T12:00:00\udc00Z","lat":52.6369,"lon":-1.1398}""")]
    [InlineData("""{"\ud800":1,"t":1709294400000,"lat":52.6369,"lon":-1.1398}""")]
    [InlineData("""[{"t":1709294400000,"lat":52.6369,"lon":-1.1398},{"\udc00lat":1,"t":1709294400000,"lat":52.6369,"lon":-1.1398}]""")]
    public void A_lone_surrogate_escape_is_malformed_json_not_an_exception(string json) =>
        DecodeRejected(json, RejectionReason.MalformedJson);

    [Fact]
    public void Invalid_utf8_in_an_escaped_time_is_malformed_json_not_an_exception()
    {
        var payload = Encoding.UTF8.GetBytes("""{"t":"\u0032024-03-01T12:00:00Z?","lat":52.6369,"lon":-1.1398}""");
        payload[Array.IndexOf(payload, (byte)'?')] = 0xFF;

        DecodeRejected(payload, RejectionReason.MalformedJson);
    }

    [Fact]
    public void An_escaped_surrogate_pair_in_an_unknown_member_is_fine()
    {
        var fix = DecodeOne("""{"t":1709294400000,"lat":52.6369,"lon":-1.1398,"\ud83d\ude93":"\ud83d\ude93"}""");

        Assert.Equal(52.6369, fix.Latitude);
    }

    [Fact]
    public void Whitespace_around_the_payload_is_allowed()
    {
        var fix = DecodeOne("\r\n  " + Good + " \n\t ");

        Assert.Equal(52.6369, fix.Latitude);
    }

    [Fact]
    public void A_valid_payload_of_exactly_4096_bytes_is_accepted()
    {
        Assert.Equal(4096, NativeFixDecoder.MaxPayloadBytes);
        var (fixes, rejections) = Decode(PaddedPayload(4096));

        Assert.Empty(rejections);
        Assert.Equal(52.6369, Assert.Single(fixes).Latitude);
    }

    [Fact]
    public void A_valid_payload_of_4097_bytes_is_payload_too_large() =>
        DecodeRejected(PaddedPayload(4097), RejectionReason.PayloadTooLarge);

    [Fact]
    public void Size_is_checked_before_the_json_is_read()
    {
        var garbage = Enumerable.Repeat((byte)'{', 4097).ToArray();

        DecodeRejected(garbage, RejectionReason.PayloadTooLarge);
    }

    [Fact]
    public void Null_lists_are_a_bug_not_a_rejection()
    {
        var payload = Encoding.UTF8.GetBytes(Good);

        Assert.Throws<ArgumentNullException>(() => NativeFixDecoder.Decode(payload, Context, null!, []));
        Assert.Throws<ArgumentNullException>(() => NativeFixDecoder.Decode(payload, Context, [], null!));
    }
}
