using System.Text;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Protocols.OwnTracks;

namespace Tracking.Protocols.Tests.OwnTracks;

/// <summary>
/// Real payloads are quoted from, and named by, their sources:
/// the OwnTracks booklet (owntracks/booklet docs/tech/json.md, the JSON format page);
/// the OwnTracks Android app's own test fixtures (owntracks/android project/app/src/test/resources/fixtures/*.json and
/// project/app/src/androidTest/java/org/owntracks/android/e2e/LocationMessageRetryTest.kt);
/// Traccar's OwnTracks decoder test (traccar/traccar src/test/java/org/traccar/protocol/OwnTracksProtocolDecoderTest.java), which
/// pastes captured payloads from the iOS app and from qtripp (Queclink trackers bridged to OwnTracks);
/// the mqtt-pwn OwnTracks plugin documentation (akamai-threat-research/mqtt-pwn docs/plugins/owntracks.rst), a payload seen on a public broker.
/// Built payloads put a response car in Leicester city centre (52.6369, -1.1398) at 2024-03-01T12:00:00Z (unix 1709294400).
/// </summary>
public sealed class OwnTracksDecoderTests
{
    private static readonly DateTimeOffset Noon = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReceivedAt = new(2024, 3, 1, 12, 0, 2, 500, TimeSpan.Zero);
    private static readonly DecodeContext Context = new("jane.phone", ReceivedAt);

    private const string Good = """{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400}""";

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(string json) => Decode(Encoding.UTF8.GetBytes(json));

    private static (List<Fix> Fixes, List<Rejection> Rejections) Decode(byte[] payload)
    {
        var fixes = new List<Fix>();
        var rejections = new List<Rejection>();
        OwnTracksDecoder.Decode(payload, Context, fixes, rejections);
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

    private static void DecodeIgnored(string json)
    {
        var (fixes, rejections) = Decode(json);
        Assert.Empty(fixes);
        Assert.Empty(rejections);
    }

    private static OwnTracksMessageKind Classify(string json) => OwnTracksDecoder.Classify(Encoding.UTF8.GetBytes(json));

    // ---- Real payloads ----

    [Fact]
    public void Traccar_capture_of_an_ios_location_with_every_member_decodes_to_exact_values()
    {
        // OwnTracksProtocolDecoderTest.java, third payload.
        var fix = DecodeOne("""{"cog":271,"lon":2.29513,"acc":5,"vel":61,"vac":21,"lat":48.85833,"tst":1497349316,"alt":167,"_type":"location","tid":"JJ","t":"u","batt":67}""");

        Assert.Equal(new Fix
        {
            DeviceId = "jane.phone",
            DeviceTime = DateTimeOffset.FromUnixTimeSeconds(1497349316),
            Latitude = 48.85833,
            Longitude = 2.29513,
            Speed = 61 / 3.6, // km/h to m/s
            Heading = 271,
            Accuracy = 5,
            Altitude = 167,
            Battery = 67,
            Source = FixSource.OwnTracks,
            ReceivedAt = ReceivedAt,
        }, fix);
    }

    [Theory]
    [InlineData("""{"_type":"location","acc":15,"alt":440,"batt":46,"conn":"w","lat":46.0681247,"lon":11.1512805,"t":"u","tid":"5t","tst":1551874878,"vac":2,"vel":0}""", 46.0681247, 11.1512805, 1551874878)]
    [InlineData("""{"lon":2.29513,"lat":48.85833,"tst":1497349316,"_type":"location","tid":"JJ"}""", 48.85833, 2.29513, 1497349316)]
    [InlineData("""{"lat":48.85,"lon":2.295,"_type":"location","tid":"JJ","tst":1497476456}""", 48.85, 2.295, 1497476456)]
    [InlineData("""{"lon":-122,"acc":5,"created_at":1736161415,"lat":37,"topic":"owntracks/ckrey/22A67880-15C3-41A6-9157-25545C7993AC","t":"u","m":1,"tst":1736161169,"conn":"w","alt":0,"_type":"location","tid":"AC"}""", 37, -122, 1736161169)]
    [InlineData("""{"topic":"owntracks/qtripp/865284041968706","lat":47.420051,"lon":13.654704,"vel":0,"cog":113,"tst":1736519167,"mcc":232,"mnc":1,"lac":"4F4D","cid":"673A","_type":"location","acc":10,"alt":1113,"t":"I","don":105,"tid":"CS"}""", 47.420051, 13.654704, 1736519167)]
    public void Traccar_captured_locations_decode_with_their_position_and_fix_time(string json, double latitude, double longitude, long tst)
    {
        // OwnTracksProtocolDecoderTest.java: the other payloads, from the iOS app (HTTP mode) and qtripp.
        var fix = DecodeOne(json);

        Assert.Equal((latitude, longitude), (fix.Latitude, fix.Longitude));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(tst), fix.DeviceTime);
        Assert.Equal(("jane.phone", FixSource.OwnTracks), (fix.DeviceId, fix.Source));
    }

    [Fact]
    public void Traccar_capture_with_alt_vel_and_batt_maps_each_member()
    {
        // OwnTracksProtocolDecoderTest.java, first payload: "vel":0 is a real zero, not an absent speed.
        var fix = DecodeOne("""{"_type":"location","acc":15,"alt":440,"batt":46,"conn":"w","lat":46.0681247,"lon":11.1512805,"t":"u","tid":"5t","tst":1551874878,"vac":2,"vel":0}""");

        Assert.Equal((15.0, 440.0, 46.0, 0.0), (fix.Accuracy, fix.Altitude, fix.Battery, fix.Speed));
        Assert.Null(fix.Heading);
    }

    [Fact]
    public void Android_fixture_with_created_at_takes_tst_as_the_fix_time()
    {
        // owntracks/android fixtures/location_with_created_at.json: created_at (message built) is 49 s after tst (GPS fix).
        var fix = DecodeOne("""{"_type":"location","BSSID":"00:13:10:85:fe:01","SSID":"AndroidWifi","acc":5,"alt":50,"batt":100,"bs":0,"conn":"w","created_at":1709037052,"lat":51.0,"lon":0.0,"m":1,"randomId":9302,"tid":"aa","tst":1709037003,"vac":0,"vel":0}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1709037003), fix.DeviceTime);
        Assert.Equal((51.0, 0.0, 5.0, 50.0, 100.0, 0.0), (fix.Latitude, fix.Longitude, fix.Accuracy!.Value, fix.Altitude!.Value, fix.Battery!.Value, fix.Speed!.Value));
    }

    [Fact]
    public void Android_fixture_of_an_extended_location_without_vel_has_no_speed()
    {
        // owntracks/android fixtures/location_deserialize_extended.json
        var fix = DecodeOne("""
            {
              "_type": "location",
              "tid": "s5",
              "acc": 1600,
              "alt": 0.0,
              "batt": 99,
              "bs": 3,
              "cog": 56,
              "conn": "w",
              "_id": "inputTestId",
              "lat": 52.3153748,
              "lon": 5.0408462,
              "t": "p",
              "tst": 1514455575,
              "vac": 0,
              "inregions": ["Testregion1", "Testregion2"]
            }
            """);

        Assert.Equal((52.3153748, 5.0408462), (fix.Latitude, fix.Longitude));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1514455575), fix.DeviceTime);
        Assert.Equal((1600.0, 0.0, 99.0, 56.0), (fix.Accuracy!.Value, fix.Altitude!.Value, fix.Battery!.Value, fix.Heading!.Value));
        Assert.Null(fix.Speed);
    }

    [Fact]
    public void Android_end_to_end_fixture_west_of_greenwich_keeps_its_negative_longitude_and_converts_vel()
    {
        // owntracks/android androidTest e2e/LocationMessageRetryTest.kt, locationResponse ("al" is an unknown member there).
        var fix = DecodeOne("""{"_type":"location","acc":20,"al":0,"batt":100,"bs":0,"conn":"w","created_at":1610748273,"lat":51.2,"lon":-4,"tid":"aa","tst":1610799026,"vac":40,"vel":7}""");

        Assert.Equal((51.2, -4.0), (fix.Latitude, fix.Longitude));
        Assert.Equal(7 / 3.6, fix.Speed!.Value, 12);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1610799026), fix.DeviceTime);
        Assert.Null(fix.Altitude);
    }

    [Fact]
    public void A_location_seen_on_a_public_broker_south_and_west_keeps_both_signs()
    {
        // mqtt-pwn docs/plugins/owntracks.rst, "Message Structure".
        var fix = DecodeOne("""
            {
                "_type": "location",
                "tid": "n5",
                "acc": 17,
                "batt": 80,
                "conn": "m",
                "lat": -22.983600,
                "lon": -43.2178200,
                "t": "c",
                "tst": 1532102000
            }
            """);

        Assert.Equal((-22.9836, -43.21782), (fix.Latitude, fix.Longitude));
        Assert.Equal((17.0, 80.0), (fix.Accuracy!.Value, fix.Battery!.Value));
    }

    [Fact]
    public void Android_fixture_at_0_0_is_decoded_and_left_for_the_validator_to_refuse_as_null_island()
    {
        // owntracks/android fixtures/valid_location_message.json
        var fix = DecodeOne("""
            {
              "_type": "location",
              "tst": 1778266175,
              "tid": "xx",
              "lat": 0.000,
              "lon": 0.000,
              "acc": 15,
              "alt": 300,
              "vac": 0,
              "cog": 0,
              "vel": 0,
              "batt": 98
            }
            """);

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (fix.Latitude, fix.Longitude, fix.Heading!.Value, fix.Speed!.Value));
        var refused = new FixValidator(new FixValidationOptions()).Validate(fix, fix.DeviceTime);
        Assert.Equal(RejectionReason.NullIsland, refused?.Reason);
    }

    [Fact]
    public void Android_fixture_with_a_zero_timestamp_is_decoded_as_the_epoch_and_left_for_the_validator()
    {
        // owntracks/android fixtures/invalid_location_message_zero_timestamp.json
        var fix = DecodeOne("""{"_type":"location","tst":0,"tid":"xx","lat":0.000,"lon":0.000,"acc":15,"alt":300}""");

        Assert.Equal(DateTimeOffset.UnixEpoch, fix.DeviceTime);
    }

    [Fact]
    public void Android_fixture_transition_is_recognised_and_gives_neither_a_fix_nor_a_rejection()
    {
        // owntracks/android fixtures/transition_message.json: it has lat, lon and tst, but the app sends a location as well.
        const string transition = """{"_type":"transition","acc":3,"desc":"myregion","event":"leave","lat":52.71234,"lon":-1.61234123,"t":"l","tid":"ce","tst":1603209966,"wtst":1558351273}""";

        DecodeIgnored(transition);
        Assert.Equal(OwnTracksMessageKind.Transition, Classify(transition));
    }

    [Theory]
    [InlineData("""{"_type":"waypoint","desc":"mypoint","lat":52.0027789,"lon":-1.0829312,"rad":150,"tst":1558351273}""", OwnTracksMessageKind.Waypoint)]
    [InlineData("""{"_type":"card","tid":"xx","name":"X X"}""", OwnTracksMessageKind.Card)]
    [InlineData("""{"_type":"encrypted","data":"TestCipherText"}""", OwnTracksMessageKind.Encrypted)]
    [InlineData("""{"_type":"cmd","action":"reportLocation"}""", OwnTracksMessageKind.Cmd)]
    [InlineData("""{"_type":"cmd","action":"status"}""", OwnTracksMessageKind.Cmd)]
    [InlineData("""{"_type":"cmd","action":"setWaypoints","waypoints":{"_type":"waypoints","waypoints":[]}}""", OwnTracksMessageKind.Cmd)]
    public void Android_fixtures_of_other_message_types_are_recognised_and_ignored(string json, OwnTracksMessageKind kind)
    {
        // owntracks/android fixtures: waypoint_message.json, valid_card_message.json, encrypted_message.json,
        // cmd_report_location.json, cmd_status.json, cmd_set_waypoints.json.
        DecodeIgnored(json);
        Assert.Equal(kind, Classify(json));
    }

    [Fact]
    public void Android_fixture_configuration_with_nested_waypoints_is_ignored_despite_their_lat_lon_and_type()
    {
        // owntracks/android fixtures/configuration_message.json (abridged: the remaining settings are flat members).
        const string configuration = """
            {
              "_type": "configuration",
              "waypoints": [
                {"_type": "waypoint", "desc": "work", "lat": 51.504778900000005, "lon": -0.023851299999999995, "rad": 150, "tst": 1505910709000},
                {"_type": "waypoint", "desc": "home", "lat": 53.6776261, "lon": -1.58268, "rad": 100, "tst": 1558351273}
              ],
              "auth": true,
              "clientId": "emulator",
              "deviceId": "testdevice",
              "ignoreStaleLocations": 0.0,
              "mode": 0,
              "pubTopicBase": "owntracks/%u/%d",
              "subTopic": "owntracks/+/+",
              "ws": false
            }
            """;

        DecodeIgnored(configuration);
        Assert.Equal(OwnTracksMessageKind.Configuration, Classify(configuration));
    }

    [Theory]
    [InlineData("""{"_type":"cmd","action":"reportLocation"}""")]
    [InlineData("""{"_type":"cmd","action":"reportSteps"}""")]
    [InlineData("""{"_type":"cmd","action":"dump"}""")]
    [InlineData("""{"_type":"cmd","action":"waypoints"}""")]
    [InlineData("""{"_type":"cmd","action":"action","content":"Backend maintenance scheduled for tonight\n\nhttp://support.owntracks.org"}""")]
    [InlineData("""{"_type":"cmd","action":"action","url":"http://support.owntracks.org"}""")]
    [InlineData("""{"_type":"cmd","action":"action","notification":"Warning! Battery low"}""")]
    public void Booklet_cmd_examples_are_ignored(string json)
    {
        // owntracks/booklet docs/tech/json.md, "_type=cmd".
        DecodeIgnored(json);
        Assert.Equal(OwnTracksMessageKind.Cmd, Classify(json));
    }

    [Fact]
    public void Booklet_lwt_example_is_recognised_and_ignored()
    {
        // owntracks/booklet docs/tech/json.md, "_type=lwt" (the example of an earlier revision; the current one lists tst only).
        const string lwt = """{"_type":"lwt","tst":1380738247}""";

        DecodeIgnored(lwt);
        Assert.Equal(OwnTracksMessageKind.Lwt, Classify(lwt));
    }

    [Fact]
    public void Android_fixture_without_a_type_is_a_missing_field()
    {
        // owntracks/android fixtures/unknown_message.json
        var rejection = DecodeRejected("""{"some": "invalid message"}""", RejectionReason.MissingField);

        Assert.StartsWith("_type ", rejection.Detail, StringComparison.Ordinal);
    }

    // ---- Every message type of the booklet ----

    /// <summary>Built from the member lists of the booklet's JSON page, one per type it lists besides location.</summary>
    [Theory]
    [InlineData("""{"_type":"lwt","tst":1709294400}""", OwnTracksMessageKind.Lwt)]
    [InlineData("""{"_type":"transition","wtst":1709290000,"lat":52.6369,"lon":-1.1398,"tst":1709294400,"acc":10,"event":"enter","desc":"Mansfield Road","t":"c"}""", OwnTracksMessageKind.Transition)]
    [InlineData("""{"_type":"waypoint","desc":"Mansfield Road","lat":52.6369,"lon":-1.1398,"rad":150,"tst":1709290000}""", OwnTracksMessageKind.Waypoint)]
    [InlineData("""{"_type":"waypoints","_creator":"ops","waypoints":[{"_type":"waypoint","desc":"HQ","lat":52.6369,"lon":-1.1398,"rad":50,"tst":1709290000}]}""", OwnTracksMessageKind.Waypoints)]
    [InlineData("""{"_type":"card","name":"PC 1042","tid":"42"}""", OwnTracksMessageKind.Card)]
    [InlineData("""{"_type":"cmd","action":"reportLocation"}""", OwnTracksMessageKind.Cmd)]
    [InlineData("""{"_type":"configuration","mode":0,"monitoring":2,"locatorInterval":60}""", OwnTracksMessageKind.Configuration)]
    [InlineData("""{"_type":"steps","tst":1709294400,"steps":5120,"from":1709251200,"to":1709294400}""", OwnTracksMessageKind.Steps)]
    [InlineData("""{"_type":"beacon","desc":"Van 7","uuid":"CA271EAE-5FA8-4E80-8F08-2A302A95A959","major":1,"minor":7,"tst":1709294400,"acc":2,"rssi":-61,"prox":2}""", OwnTracksMessageKind.Beacon)]
    [InlineData("""{"_type":"encrypted","data":"3pfBvCUEwiIGNWLO8pq2UA=="}""", OwnTracksMessageKind.Encrypted)]
    [InlineData("""{"_type":"status","iOS":{"version":"18.1"}}""", OwnTracksMessageKind.Status)]
    [InlineData("""{"_type":"request","request":"tour"}""", OwnTracksMessageKind.Request)]
    public void Every_other_booklet_type_gives_neither_a_fix_nor_a_rejection(string json, OwnTracksMessageKind kind)
    {
        DecodeIgnored(json);
        Assert.Equal(kind, Classify(json));
    }

    [Theory]
    [InlineData("lwt")]
    [InlineData("transition")]
    [InlineData("waypoint")]
    [InlineData("waypoints")]
    [InlineData("card")]
    [InlineData("cmd")]
    [InlineData("configuration")]
    [InlineData("steps")]
    [InlineData("beacon")]
    [InlineData("encrypted")]
    [InlineData("status")]
    [InlineData("request")]
    public void A_non_location_type_with_members_that_would_be_bad_in_a_location_is_still_ignored(string type) =>
        DecodeIgnored($$"""{"_type":"{{type}}","lat":"north","lon":true,"tst":-5,"vel":[]}""");

    [Theory]
    [InlineData("msg")]
    [InlineData("position")]
    [InlineData("Location")]
    [InlineData("LOCATION")]
    [InlineData("location ")]
    [InlineData("")]
    [InlineData("deviceToken")]
    public void A_type_the_booklet_does_not_list_is_an_unsupported_message(string type)
    {
        var json = $$"""{"_type":"{{type}}","lat":52.6369,"lon":-1.1398,"tst":1709294400}""";

        var rejection = DecodeRejected(json, RejectionReason.UnsupportedMessage);

        Assert.StartsWith("_type ", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(OwnTracksMessageKind.Unknown, Classify(json));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("{\"name\":\"location\"}")]
    [InlineData("[\"location\"]")]
    public void A_type_that_is_not_a_string_is_an_invalid_field(string type)
    {
        var json = $$"""{"_type":{{type}},"lat":52.6369,"lon":-1.1398,"tst":1709294400}""";

        var rejection = DecodeRejected(json, RejectionReason.InvalidField);

        Assert.StartsWith("_type ", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(OwnTracksMessageKind.Invalid, Classify(json));
    }

    [Theory]
    [InlineData("""{"lat":52.6369,"lon":-1.1398,"tst":1709294400}""")]
    [InlineData("""{"_type":null,"lat":52.6369,"lon":-1.1398,"tst":1709294400}""")]
    [InlineData("{}")]
    public void A_missing_or_null_type_is_a_missing_field(string json)
    {
        var rejection = DecodeRejected(json, RejectionReason.MissingField);

        Assert.StartsWith("_type ", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(OwnTracksMessageKind.Invalid, Classify(json));
    }

    // ---- Location members, built ----

    [Fact]
    public void A_location_with_every_member_decodes_to_exact_si_values()
    {
        var fix = DecodeOne("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"acc":5,"alt":67,"vel":54,"cog":271,"batt":87,"tid":"42","t":"u"}""");

        Assert.Equal(new Fix
        {
            DeviceId = "jane.phone",
            DeviceTime = Noon,
            Latitude = 52.6369,
            Longitude = -1.1398,
            Speed = 15,
            Heading = 271,
            Accuracy = 5,
            Altitude = 67,
            Battery = 87,
            Source = FixSource.OwnTracks,
            ReceivedAt = ReceivedAt,
        }, fix);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
        Assert.Null(fix.Satellites);
        Assert.Null(fix.Hdop);
        Assert.False(fix.Emergency);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3.6, 1)]
    [InlineData(36, 10)]
    [InlineData(54, 15)]
    [InlineData(100, 27.777777777777779)]
    [InlineData(180, 50)]
    [InlineData(360, 100)]
    public void Vel_in_kmh_is_stored_in_mps(double kilometresPerHour, double metresPerSecond)
    {
        var fix = DecodeOne($$"""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"vel":{{kilometresPerHour}}}""");

        Assert.Equal(metresPerSecond, fix.Speed!.Value, 12);
    }

    [Fact]
    public void Absent_optional_members_are_null_not_zero()
    {
        var fix = DecodeOne(Good);

        Assert.Equal((Noon, 52.6369, -1.1398), (fix.DeviceTime, fix.Latitude, fix.Longitude));
        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
        Assert.Null(fix.Battery);
    }

    [Fact]
    public void Optional_members_given_as_null_are_null()
    {
        var fix = DecodeOne("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"acc":null,"alt":null,"vel":null,"cog":null,"batt":null}""");

        Assert.Null(fix.Speed);
        Assert.Null(fix.Heading);
        Assert.Null(fix.Accuracy);
        Assert.Null(fix.Altitude);
        Assert.Null(fix.Battery);
    }

    [Fact]
    public void Device_id_and_received_time_come_from_the_context_not_the_payload()
    {
        var fix = DecodeOne("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"tid":"zz","topic":"owntracks/john/car","_id":"x"}""");

        Assert.Equal(("jane.phone", ReceivedAt), (fix.DeviceId, fix.ReceivedAt));
    }

    [Theory]
    [InlineData("1709294460")]
    [InlineData("\"yesterday\"")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Created_at_is_ignored_whatever_its_value(string createdAt)
    {
        var fix = DecodeOne($$"""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"created_at":{{createdAt}}}""");

        Assert.Equal(Noon, fix.DeviceTime);
    }

    [Fact]
    public void The_type_may_come_after_the_members()
    {
        var fix = DecodeOne("""{"lat":52.6369,"lon":-1.1398,"tst":1709294400,"vel":36,"_type":"location"}""");

        Assert.Equal(10, fix.Speed!.Value, 12);
    }

    [Fact]
    public void A_repeated_member_takes_its_last_value()
    {
        var fix = DecodeOne("""{"_type":"location","lat":10,"lat":52.6369,"lon":-1.1398,"tst":1709294400}""");

        Assert.Equal(52.6369, fix.Latitude);
    }

    [Fact]
    public void Negative_and_out_of_range_values_are_left_for_the_validator()
    {
        var fix = DecodeOne("""{"_type":"location","lat":95,"lon":-200,"tst":1709294400,"acc":-1,"alt":-12.5,"vel":-3.6,"cog":400,"batt":150}""");

        Assert.Equal((95.0, -200.0, -1.0, -12.5, 400.0, 150.0), (fix.Latitude, fix.Longitude, fix.Accuracy!.Value, fix.Altitude!.Value, fix.Heading!.Value, fix.Battery!.Value));
        Assert.Equal(-1, fix.Speed!.Value, 12);
    }

    [Fact]
    public void Numbers_in_exponent_or_fractional_form_are_read()
    {
        var fix = DecodeOne("""{"_type":"location","lat":5.26369E1,"lon":-11398e-4,"tst":1709294400,"acc":4.5,"batt":87.5}""");

        Assert.Equal((52.6369, -1.1398, 4.5, 87.5), (fix.Latitude, fix.Longitude, fix.Accuracy!.Value, fix.Battery!.Value));
    }

    // ---- tst ----

    [Fact]
    public void Tst_is_unix_seconds_in_utc()
    {
        var fix = DecodeOne(Good);

        Assert.Equal(Noon, fix.DeviceTime);
        Assert.Equal(TimeSpan.Zero, fix.DeviceTime.Offset);
    }

    [Fact]
    public void Tst_at_the_last_second_a_date_holds_is_accepted() =>
        Assert.Equal(
            new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
            DecodeOne("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":253402300799}""").DeviceTime);

    [Theory]
    [InlineData("-1")]
    [InlineData("253402300800")]
    [InlineData("9223372036854775807")]
    [InlineData("99999999999999999999")]
    [InlineData("1709294400.5")]
    [InlineData("1709294400.0")]
    [InlineData("1.7092944E9")]
    [InlineData("\"1709294400\"")]
    [InlineData("\"2024-03-01T12:00:00Z\"")]
    [InlineData("true")]
    [InlineData("[1709294400]")]
    public void Tst_that_is_not_whole_unix_seconds_in_range_is_an_invalid_field(string tst)
    {
        var rejection = DecodeRejected($$"""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":{{tst}}}""", RejectionReason.InvalidField);

        Assert.StartsWith("tst ", rejection.Detail, StringComparison.Ordinal);
    }

    // ---- Missing and invalid members ----

    [Theory]
    [InlineData("tst", """{"_type":"location","lat":52.6369,"lon":-1.1398}""")]
    [InlineData("lat", """{"_type":"location","lon":-1.1398,"tst":1709294400}""")]
    [InlineData("lon", """{"_type":"location","lat":52.6369,"tst":1709294400}""")]
    [InlineData("tst", """{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":null}""")]
    [InlineData("lat", """{"_type":"location","lat":null,"lon":-1.1398,"tst":1709294400}""")]
    [InlineData("lon", """{"_type":"location","lat":52.6369,"lon":null,"tst":1709294400}""")]
    [InlineData("tst", """{"_type":"location"}""")]
    public void A_location_without_lat_lon_or_tst_is_a_missing_field_naming_it(string field, string json)
    {
        var rejection = DecodeRejected(json, RejectionReason.MissingField);

        Assert.StartsWith(field + " ", rejection.Detail, StringComparison.Ordinal);
        Assert.Equal(OwnTracksMessageKind.Location, Classify(json));
    }

    [Theory]
    [InlineData("lat", "\"52.6369\"")]
    [InlineData("lat", "true")]
    [InlineData("lat", "{\"deg\":52.6369}")]
    [InlineData("lon", "[-1.1398]")]
    [InlineData("lon", "\"-1.1398\"")]
    [InlineData("acc", "\"5\"")]
    [InlineData("alt", "{}")]
    [InlineData("vel", "\"54\"")]
    [InlineData("cog", "false")]
    [InlineData("batt", "\"87%\"")]
    [InlineData("lat", "1e400")]
    [InlineData("lon", "-1e400")]
    [InlineData("vel", "1e400")]
    [InlineData("batt", "1e400")]
    public void A_member_of_the_wrong_type_is_an_invalid_field_naming_it(string field, string value)
    {
        var rejection = DecodeRejected($$"""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"{{field}}":{{value}}}""", RejectionReason.InvalidField);

        Assert.StartsWith(field + " ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_location_with_several_bad_members_has_one_rejection_naming_the_first()
    {
        var rejection = DecodeRejected("""{"_type":"location","lon":"west","lat":"north","tst":1709294400}""", RejectionReason.InvalidField);

        Assert.StartsWith("lon ", rejection.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_member_is_reported_before_a_missing_one() =>
        Assert.StartsWith("vel ", DecodeRejected("""{"_type":"location","vel":"fast"}""", RejectionReason.InvalidField).Detail, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"inregions":["Mansfield Road"],"inrids":["49b4ab"]}""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"motionactivities":[{"type":"automotive","confidence":2}]}""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"LAT":10,"Lat":20,"lat ":30,"latitude":40,"TST":0}""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"meta":{"_type":"card","lat":"x"}}""")]
    public void Unknown_members_are_ignored_even_when_nested(string json)
    {
        var fix = DecodeOne(json);

        Assert.Equal((Noon, 52.6369, -1.1398), (fix.DeviceTime, fix.Latitude, fix.Longitude));
    }

    // ---- Escapes ----

    [Fact]
    public void Escaped_member_names_and_an_escaped_type_are_recognised()
    {
        var fix = DecodeOne("""{"\u005ftype":"\u006cocation","\u006cat":52.6369,"l\u006Fn":-1.1398,"ts\u0074":1709294400,"\u0076el":36,"b\u0061tt":87}""");

        Assert.Equal((Noon, 52.6369, -1.1398, 87.0), (fix.DeviceTime, fix.Latitude, fix.Longitude, fix.Battery!.Value));
        Assert.Equal(10, fix.Speed!.Value, 12);
    }

    [Fact]
    public void An_escaped_type_of_another_kind_is_recognised() =>
        DecodeIgnored("""{"_type":"\u006cwt","tst":1709294400}""");

    [Fact]
    public void An_escaped_name_that_unescapes_to_something_else_is_not_mistaken_for_a_member()
    {
        var fix = DecodeOne("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"\u006cat2":10,"l\u0061":20}""");

        Assert.Equal(52.6369, fix.Latitude);
    }

    [Fact]
    public void A_very_long_escaped_type_is_an_unsupported_message_not_an_exception()
    {
        var type = string.Concat(Enumerable.Repeat("\\u006c", 40));

        DecodeRejected($$"""{"_type":"{{type}}"}""", RejectionReason.UnsupportedMessage);
    }

    /// <summary>The reader checks escapes only when it unescapes a string, and throws InvalidOperationException then.</summary>
    [Theory]
    [InlineData("""{"_type":"\ud800","lat":52.6369,"lon":-1.1398,"tst":1709294400}""")]
    [InlineData("""{"_type":"location","\udc00lat":52.6369,"lon":-1.1398,"tst":1709294400}""")]
    public void A_lone_surrogate_escape_in_a_name_or_type_we_read_is_malformed_json_not_an_exception(string json) =>
        DecodeRejected(json, RejectionReason.MalformedJson);

    // ---- Malformed payloads ----

    [Theory]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400} x""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400}}""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400},{"_type":"lwt"}""")]
    [InlineData("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,}""")]
    [InlineData("""{'_type':'location','lat':52.6369,'lon':-1.1398,'tst':1709294400}""")]
    [InlineData("""{"_type":"location","lat":NaN,"lon":-1.1398,"tst":1709294400}""")]
    [InlineData("""[{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400}]""")]
    [InlineData("""C2,561ebac3,v,50123456,65987654,0,0,11,0,5232""")]
    [InlineData("$GPRMC,120000,A,5238.214,N,00108.388,W,26.0,271.5,010324,,*1B")]
    [InlineData("lat=52.6369&lon=-1.1398")]
    [InlineData("")]
    [InlineData("   \r\n")]
    [InlineData("null")]
    [InlineData("\"location\"")]
    [InlineData("1709294400")]
    public void A_malformed_payload_is_one_malformed_json_rejection(string json)
    {
        DecodeRejected(json, RejectionReason.MalformedJson);
        Assert.Equal(OwnTracksMessageKind.Invalid, Classify(json));
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_malformed_json_not_an_exception()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"x\":", 100)) + "1" + new string('}', 100);

        DecodeRejected($$"""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"deep":{{deep}}}""", RejectionReason.MalformedJson);
    }

    [Fact]
    public void Whitespace_around_the_payload_is_allowed() =>
        Assert.Equal(52.6369, DecodeOne("\r\n  " + Good + " \n\t ").Latitude);

    [Fact]
    public void A_card_with_a_large_face_image_just_under_the_limit_is_recognised_not_refused()
    {
        const string head = """{"_type":"card","name":"PC 1042","face":""";
        var face = new string('A', OwnTracksDecoder.MaxPayloadBytes - head.Length - 3);
        var payload = Encoding.UTF8.GetBytes(head + "\"" + face + "\"}");
        Assert.Equal(OwnTracksDecoder.MaxPayloadBytes, payload.Length);

        var (fixes, rejections) = Decode(payload);

        Assert.Empty(fixes);
        Assert.Empty(rejections);
    }

    [Fact]
    public void A_payload_one_byte_over_the_limit_is_payload_too_large_before_it_is_read()
    {
        var payload = Enumerable.Repeat((byte)'{', OwnTracksDecoder.MaxPayloadBytes + 1).ToArray();

        DecodeRejected(payload, RejectionReason.PayloadTooLarge);
        Assert.Equal(OwnTracksMessageKind.Invalid, OwnTracksDecoder.Classify(payload));
    }

    // ---- Classify ----

    [Fact]
    public void Classify_calls_a_location_with_bad_members_a_location()
    {
        Assert.Equal(OwnTracksMessageKind.Location, Classify(Good));
        Assert.Equal(OwnTracksMessageKind.Location, Classify("""{"_type":"location","lat":"north"}"""));
    }

    // ---- Lists ----

    [Fact]
    public void Decoding_appends_after_what_the_lists_already_held()
    {
        var earlierFix = DecodeOne(Good) with { DeviceId = "john.car" };
        var earlierRejection = new Rejection(RejectionReason.UnknownDevice, "from an earlier message");
        var fixes = new List<Fix> { earlierFix };
        var rejections = new List<Rejection> { earlierRejection };

        OwnTracksDecoder.Decode(Encoding.UTF8.GetBytes(Good), Context, fixes, rejections);
        OwnTracksDecoder.Decode(Encoding.UTF8.GetBytes("""{"_type":"location"}"""), Context, fixes, rejections);
        OwnTracksDecoder.Decode(Encoding.UTF8.GetBytes("""{"_type":"lwt","tst":1}"""), Context, fixes, rejections);

        Assert.Equal(["john.car", "jane.phone"], fixes.Select(f => f.DeviceId));
        Assert.Equal([RejectionReason.UnknownDevice, RejectionReason.MissingField], rejections.Select(r => r.Reason));
    }

    [Fact]
    public void A_decoded_location_passes_the_validator_at_its_own_time()
    {
        var fix = DecodeOne("""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":1709294400,"acc":5,"alt":67,"vel":54,"cog":271,"batt":87}""");

        Assert.Null(new FixValidator(new FixValidationOptions()).Validate(fix, ReceivedAt));
    }

    [Fact]
    public void Null_lists_are_a_bug_not_a_rejection()
    {
        var payload = Encoding.UTF8.GetBytes(Good);

        Assert.Throws<ArgumentNullException>(() => OwnTracksDecoder.Decode(payload, Context, null!, []));
        Assert.Throws<ArgumentNullException>(() => OwnTracksDecoder.Decode(payload, Context, [], null!));
    }
}
