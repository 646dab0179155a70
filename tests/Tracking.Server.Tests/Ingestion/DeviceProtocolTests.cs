using System.Globalization;
using System.Net;
using System.Text;
using MQTTnet;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Ingestion;

/// <summary>One message in each device protocol, in through the real transport, out as a row in PostGIS with the decoded values.</summary>
public sealed class DeviceProtocolTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private async Task<(DateTimeOffset Time, double Lat, double Lon, double? Speed, double? Heading, double? Accuracy, double? Altitude, int? Satellites, double? Battery, bool Emergency, short Source)> RowAsync(string deviceId)
    {
        await fixture.StoredAsync(deviceId, 1);
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT device_time, ST_Y(position), ST_X(position), speed, heading, accuracy, altitude, satellites, battery, emergency, source FROM fixes WHERE device_id = $1");
        command.Parameters.AddWithValue(deviceId);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        double? Optional(int i) => row.IsDBNull(i) ? null : row.GetFloat(i);
        return (row.GetFieldValue<DateTimeOffset>(0), row.GetDouble(1), row.GetDouble(2), Optional(3), Optional(4), Optional(5), Optional(6),
            row.IsDBNull(7) ? null : row.GetInt16(7), Optional(8), row.GetBoolean(9), row.GetInt16(10));
    }

    /// <summary>Publishes as <paramref name="username"/> (a device id, with its test secret, unless a password is given).</summary>
    private async Task PublishAsync(string clientId, string topic, byte[] payload, string username, string? password = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(DeviceClient.Options(fixture.Server.MqttPort, clientId, persistentSession: false, username: username, password: password));
        var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        Assert.True(result.IsSuccess);
        await client.DisconnectAsync(new MqttClientDisconnectOptions());
    }

    [Fact]
    public async Task A_TETRA_LIP_short_location_report_in_hex_is_stored_with_its_position_speed_heading_and_emergency()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "2350017");
        // Short location report (ETSI TS 100 392-18-1 §6.2.1), built field by field: Leicester, 1.1398° W.
        var longitudeCode = (long)Math.Round(-1.1398 * (1 << 25) / 360.0);
        var latitudeCode = (long)Math.Round(52.6369 * (1 << 24) / 180.0);
        var bits = new StringBuilder()
            .Append(BitText.Bits(0x0A, 8))                // protocol identifier: location information protocol
            .Append(BitText.Bits(0, 2))                   // PDU type: short location report
            .Append(BitText.Bits(0, 2))                   // time elapsed: < 5 s
            .Append(BitText.Bits(longitudeCode, 25))      // longitude, two's complement, 360/2^25 degrees
            .Append(BitText.Bits(latitudeCode, 24))       // latitude, two's complement, 180/2^24 degrees
            .Append(BitText.Bits(1, 3))                   // position error: < 20 m
            .Append(BitText.Bits(20, 7))                  // horizontal velocity: 20 km/h
            .Append(BitText.Bits(4, 4))                   // direction of travel: east (4 × 22.5°)
            .Append(BitText.Bits(0, 1))                   // type of additional data: reason for sending
            .Append(BitText.Bits(2, 8));                  // reason for sending: emergency condition detected
        var before = DateTimeOffset.UtcNow;

        // Airwave radios report through a TETRA gateway, which has a service account of its own.
        var gatewaySecret = await DeviceSecrets.CreateAccountAsync(fixture.Http, "@protocols-gateway", "gateway");
        await PublishAsync("gateway-1", "tracking/2350017/lip", Encoding.ASCII.GetBytes(BitText.ToHex(bits.ToString())), "@protocols-gateway", gatewaySecret);

        var row = await RowAsync("2350017");
        Assert.Equal(latitudeCode * 180.0 / (1 << 24), row.Lat, 9);
        Assert.Equal(longitudeCode * 360.0 / (1 << 25), row.Lon, 9);
        Assert.Equal(20 / 3.6, row.Speed!.Value, 4);
        Assert.Equal(90, row.Heading);
        Assert.Equal(20, row.Accuracy);
        Assert.True(row.Emergency);
        Assert.Equal(4, row.Source);
        Assert.InRange(row.Time, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task NMEA_RMC_with_GGA_of_the_same_time_is_stored_with_speed_in_mps_altitude_and_satellites()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "nmea-veh-1");
        var time = DateTimeOffset.UtcNow.AddMinutes(-1);
        var hhmmss = time.ToString("HHmmss", CultureInfo.InvariantCulture);
        var ddmmyy = time.ToString("ddMMyy", CultureInfo.InvariantCulture);
        var sentences =
            Sentence($"GPRMC,{hhmmss}.00,A,5238.2140,N,00108.3880,W,10.0,271.5,{ddmmyy},,,A") + "\r\n" +
            Sentence($"GPGGA,{hhmmss}.00,5238.2140,N,00108.3880,W,1,09,0.9,71.2,M,47.0,M,,") + "\r\n";

        await PublishAsync("nmea-veh-1", "tracking/nmea-veh-1/nmea", Encoding.ASCII.GetBytes(sentences), "nmea-veh-1");

        var row = await RowAsync("nmea-veh-1");
        Assert.Equal(52 + (38.214 / 60), row.Lat, 7);
        Assert.Equal(-(1 + (8.388 / 60)), row.Lon, 7);
        Assert.Equal(10.0 * 1852 / 3600, row.Speed!.Value, 4);
        Assert.Equal(271.5, row.Heading);
        Assert.Equal(71.2, row.Altitude!.Value, 4);
        Assert.Equal(9, row.Satellites);
        Assert.Equal(new DateTimeOffset(time.Year, time.Month, time.Day, time.Hour, time.Minute, time.Second, TimeSpan.Zero), row.Time);
        Assert.Equal(3, row.Source);
    }

    [Fact]
    public async Task An_OwnTracks_location_is_stored_under_user_dot_device_and_other_message_types_are_not_refused()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "pc1234.phone");
        var tst = DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds();

        await PublishAsync("pc1234-phone", "owntracks/pc1234/phone", Encoding.UTF8.GetBytes(
            $$"""{"_type":"location","lat":52.6369,"lon":-1.1398,"tst":{{tst}},"acc":12,"alt":70,"vel":36,"cog":180,"batt":81,"tid":"PC"}"""), "pc1234.phone");
        await PublishAsync("pc1234-phone", "owntracks/pc1234/phone", """{"_type":"lwt","tst":1764093600}"""u8.ToArray(), "pc1234.phone");

        var row = await RowAsync("pc1234.phone");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(tst), row.Time);
        Assert.Equal(10, row.Speed!.Value, 4);
        Assert.Equal(180, row.Heading);
        Assert.Equal(12, row.Accuracy);
        Assert.Equal(81, row.Battery);
        Assert.Equal(2, row.Source);
        var stats = await fixture.Http.GetStringAsync("/api/ingest/stats");
        Assert.DoesNotContain("\"pc1234.phone\"", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_OwnTracks_card_is_not_refused_as_too_large_but_a_large_location_is()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "pc5678.phone");
        var face = new string('A', 8000);

        await PublishAsync("pc5678-phone", "owntracks/pc5678/phone", Encoding.UTF8.GetBytes($$"""{"_type":"card","name":"PC 5678","face":"{{face}}"}"""), "pc5678.phone");
        await PublishAsync("pc5678-phone", "owntracks/pc5678/phone", Encoding.UTF8.GetBytes(
            $$"""{"_type":"location","lat":52.6,"lon":-1.1,"tst":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"pad":"{{face}}"}"""), "pc5678.phone");

        var stats = await Eventually.UntilAsync(
            () => fixture.Http.GetStringAsync("/api/ingest/stats"), text => text.Contains("\"pc5678.phone\"", StringComparison.Ordinal), "the large location refused");
        Assert.Contains("\"pc5678.phone\",\"byReason\":{\"payload_too_large\":1}", stats, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Traccar_Client_query_on_the_dedicated_port_is_acknowledged_and_stored_with_speed_from_knots()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "phone-17");
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-3).ToUnixTimeSeconds();
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Server.OsmAndPort}/") };

        var response = await phone.PostAsync($"/?id=phone-17&timestamp={timestamp}&lat=52.6369&lon=-1.1398&speed=10&bearing=45&altitude=65&accuracy=8&batt=55&token={DeviceClient.SecretFor("phone-17")}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = await RowAsync("phone-17");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(timestamp), row.Time);
        Assert.Equal(10 * 1852 / 3600.0, row.Speed!.Value, 4);
        Assert.Equal(45, row.Heading);
        Assert.Equal(55, row.Battery);
        Assert.Equal(5, row.Source);
    }

    [Fact]
    public async Task An_OsmAnd_request_from_an_unknown_device_is_refused_as_unauthorized_whatever_its_token()
    {
        var response = await fixture.Http.GetAsync(
            $"/osmand?id=phone-unknown&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&lat=52.6&lon=-1.1&token={DeviceClient.SecretFor("phone-unknown")}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'phone-unknown'"));
    }

    private static string Sentence(string body)
    {
        byte checksum = 0;
        foreach (var c in body)
        {
            checksum ^= (byte)c;
        }

        return $"${body}*{checksum:X2}";
    }
}
