using System.Text;
using Tracking.Core.Fixes;
using Tracking.Protocols;
using Tracking.Simulator.Protocols;
using Tracking.Simulator.Tests.Support;

namespace Tracking.Simulator.Tests.Protocols;

/// <summary>Every encoder's output goes through the server's own decoder and comes back as the fix, within the protocol's resolution.</summary>
public sealed class EncoderRoundTripTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 22, 14, 36, TimeSpan.Zero);

    private static Fix Sample(string id, double lat = 52.6369123, double lon = -1.1398456) => new()
    {
        DeviceId = id,
        DeviceTime = Now.AddSeconds(-2),
        Latitude = lat,
        Longitude = lon,
        Speed = 13.41,
        Heading = 271.4,
        Accuracy = 4.8,
        Altitude = 71.2,
        Satellites = 9,
        Hdop = 1.1,
        Battery = 81,
        Source = FixSource.Native,
        ReceivedAt = Now,
    };

    [Fact]
    public void A_native_fix_round_trips_to_the_centimetre()
    {
        var fix = Sample("veh-LR21");

        var decoded = Assert.Single(Probe.Decode(NativeJsonEncoder.Encode("veh-LR21", fix), Now).Accepted);

        Assert.Equal("veh-LR21", decoded.DeviceId);
        Assert.Equal(fix.DeviceTime, decoded.DeviceTime);
        Assert.InRange(Probe.Metres(fix.Latitude, fix.Longitude, decoded.Latitude, decoded.Longitude), 0, 0.02);
        Assert.Equal(fix.Speed!.Value, decoded.Speed!.Value, 2);
        Assert.Equal(fix.Heading!.Value, decoded.Heading!.Value, 1);
        Assert.Equal(fix.Accuracy!.Value, decoded.Accuracy!.Value, 1);
        Assert.Equal(fix.Altitude!.Value, decoded.Altitude!.Value, 1);
    }

    [Fact]
    public void A_buffered_backlog_is_split_into_arrays_under_the_size_limit_that_decode_to_every_fix_in_order()
    {
        var fixes = Enumerable.Range(0, 250).Select(i => Sample("veh-LR22", 52.63 + (i * 1e-4)) with { DeviceTime = Now.AddSeconds(-1500 + (i * 5)) }).ToList();

        var messages = NativeJsonEncoder.EncodeBatches("veh-LR22", fixes);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m => Assert.InRange(m.Payload.Length, 1, DeviceMessages.MaxPayloadBytes));
        Assert.All(messages, m => Assert.Equal((byte)'[', m.Payload[0]));
        var decoded = messages.SelectMany(m => Probe.Decode(m, Now).Accepted).ToList();
        Assert.Equal(fixes.Select(f => f.DeviceTime), decoded.Select(f => f.DeviceTime));
        Assert.Equal(fixes.Select(f => Math.Round(f.Latitude, 7)), decoded.Select(f => f.Latitude));
    }

    [Theory]
    [InlineData(52.6369123, -1.1398456)]
    [InlineData(-33.8567844, 151.2152967)]
    [InlineData(0.5, -0.0001)]
    public void An_nmea_rmc_and_gga_pair_round_trips_as_one_fix(double lat, double lon)
    {
        var fix = Sample("veh-LV11", lat, lon);

        var message = NmeaEncoder.Encode("veh-LV11", fix);
        var outcome = Probe.Decode(message, Now);

        Assert.Empty(outcome.Rejected);
        var decoded = Assert.Single(outcome.Accepted);
        Assert.Equal(fix.DeviceTime, decoded.DeviceTime);
        // 1/10,000 of a minute is under 0.2 m.
        Assert.InRange(Probe.Metres(fix.Latitude, fix.Longitude, decoded.Latitude, decoded.Longitude), 0, 0.2);
        Assert.Equal(fix.Speed!.Value, decoded.Speed!.Value, 2);
        Assert.Equal(fix.Heading!.Value, decoded.Heading!.Value, 1);
        Assert.Equal(fix.Altitude!.Value, decoded.Altitude!.Value, 1);
        Assert.Equal(fix.Satellites, decoded.Satellites);
        Assert.Equal(fix.Hdop!.Value, decoded.Hdop!.Value, 1);
    }

    [Fact]
    public void The_nmea_checksum_is_the_xor_of_the_sentence_body()
    {
        // The GGA example printed in most NMEA 0183 references (e.g. gpsd's "NMEA Revealed"), with its checksum 47.
        const string Body = "GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,";

        Assert.Equal(0x47, NmeaEncoder.Checksum(Body));
        Assert.Equal("$" + Body + "*47\r\n", NmeaEncoder.Sentence(Body));
    }

    [Fact]
    public void A_tetra_lip_short_report_is_76_bits_and_round_trips_within_its_resolution()
    {
        var fix = Sample("2001234");

        var message = TetraLipEncoder.EncodeShort("2001234", fix);
        var decoded = Assert.Single(Probe.Decode(message, Now).Accepted);

        Assert.Equal("tracking/2001234/lip", message.Topic);
        Assert.Equal(19, message.Payload.Length); // 76 bits as hex digits
        Assert.Equal(Now, decoded.DeviceTime);   // a short report carries no time: dated on arrival
        Assert.InRange(Probe.Metres(fix.Latitude, fix.Longitude, decoded.Latitude, decoded.Longitude), 0, 1.0);
        Assert.InRange(decoded.Speed!.Value, fix.Speed!.Value * 0.97, fix.Speed.Value * 1.03);
        Assert.InRange(Math.Abs(decoded.Heading!.Value - fix.Heading!.Value), 0, 11.25);
        Assert.Equal(20, decoded.Accuracy); // position error class "less than 20 m"
        Assert.False(decoded.Emergency);
    }

    [Fact]
    public void A_tetra_lip_long_report_carries_its_time_of_position_and_round_trips()
    {
        var fix = Sample("2001235") with { DeviceTime = Now.AddMinutes(-7) };

        var decoded = Assert.Single(Probe.Decode(TetraLipEncoder.EncodeLong("2001235", fix), Now).Accepted);

        Assert.Equal(fix.DeviceTime, decoded.DeviceTime);
        Assert.InRange(Probe.Metres(fix.Latitude, fix.Longitude, decoded.Latitude, decoded.Longitude), 0, 1.0);
        Assert.InRange(decoded.Speed!.Value, fix.Speed!.Value * 0.97, fix.Speed.Value * 1.03);
        Assert.InRange(Math.Abs(decoded.Heading!.Value - fix.Heading!.Value), 0, 0.71);
        // The uncertainty code is "less than 2 × 1.2^(K + 5) − 4 m": the next bound up is at most 1.2 × (accuracy + 4) − 4.
        Assert.InRange(decoded.Accuracy!.Value, fix.Accuracy!.Value, (1.2 * (fix.Accuracy.Value + 4)) - 4);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_radio_emergency_report_raises_the_emergency_flag(bool longReport)
    {
        var fix = Sample("2001236");

        var message = longReport
            ? TetraLipEncoder.EncodeLong("2001236", fix, LipReason.Emergency)
            : TetraLipEncoder.EncodeShort("2001236", fix, LipReason.Emergency);

        Assert.True(Assert.Single(Probe.Decode(message, Now).Accepted).Emergency);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(3.5)]
    [InlineData(7.9)]
    [InlineData(30.0)]
    [InlineData(55.0)]
    public void Lip_speeds_come_back_within_one_code_step(double metresPerSecond)
    {
        var fix = Sample("2001237") with { Speed = metresPerSecond };

        var decoded = Assert.Single(Probe.Decode(TetraLipEncoder.EncodeShort("2001237", fix), Now).Accepted);

        Assert.InRange(decoded.Speed!.Value, (metresPerSecond * 0.97) - 0.15, (metresPerSecond * 1.03) + 0.15);
    }

    [Fact]
    public void An_owntracks_location_round_trips_with_the_user_and_device_as_id()
    {
        var fix = Sample("fp10.phone");

        var message = OwnTracksEncoder.Encode("fp10", "phone", fix, "10");
        var decoded = Assert.Single(Probe.Decode(message, Now).Accepted);

        Assert.Equal("owntracks/fp10/phone", message.Topic);
        Assert.Equal("fp10.phone", decoded.DeviceId);
        Assert.Equal(fix.DeviceTime, decoded.DeviceTime);
        Assert.InRange(Probe.Metres(fix.Latitude, fix.Longitude, decoded.Latitude, decoded.Longitude), 0, 0.02);
        Assert.InRange(Math.Abs(decoded.Speed!.Value - fix.Speed!.Value), 0, 0.5 / 3.6);  // whole km/h
        Assert.InRange(Math.Abs(decoded.Heading!.Value - fix.Heading!.Value), 0, 0.5);    // whole degrees
        Assert.Equal(81, decoded.Battery);
        Assert.Contains("\"_type\":\"location\"", Encoding.UTF8.GetString(message.Payload), StringComparison.Ordinal);
    }

    [Fact]
    public void An_osmand_query_round_trips_with_speed_in_knots()
    {
        var fix = Sample("phone-pc11");

        var message = OsmAndEncoder.Encode("phone-pc11", fix);
        var decoded = Assert.Single(Probe.Decode(message, Now).Accepted);

        Assert.True(message.IsHttp);
        Assert.Equal("phone-pc11", decoded.DeviceId);
        Assert.Equal(fix.DeviceTime, decoded.DeviceTime);
        Assert.InRange(Probe.Metres(fix.Latitude, fix.Longitude, decoded.Latitude, decoded.Longitude), 0, 0.02);
        Assert.InRange(Math.Abs(decoded.Speed!.Value - fix.Speed!.Value), 0, 0.01);
        Assert.Equal(fix.Heading!.Value, decoded.Heading!.Value, 1);
        Assert.Equal(fix.Altitude!.Value, decoded.Altitude!.Value, 1);
        Assert.False(decoded.Emergency);
    }

    [Fact]
    public void An_osmand_sos_raises_the_emergency_flag()
    {
        var fix = Sample("phone-pc12") with { Emergency = true };

        Assert.True(Assert.Single(Probe.Decode(OsmAndEncoder.Encode("phone-pc12", fix), Now).Accepted).Emergency);
    }
}
