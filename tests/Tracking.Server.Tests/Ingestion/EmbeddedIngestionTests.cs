using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Ingestion;

public sealed class EmbeddedIngestionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static DateTimeOffset Now => DateTimeOffset.UtcNow.AddSeconds(-5);

    private static DateTimeOffset Millis(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    [Fact]
    public async Task Fix_published_at_qos1_by_an_MQTTnet_client_is_acknowledged_and_stored_with_its_values()
    {
        await using var device = await fixture.DeviceAsync("emb-values");
        var time = Millis(Now);

        var result = await device.PublishRawAsync(Encoding.UTF8.GetBytes(
            $$"""{"t":{{time.ToUnixTimeMilliseconds()}},"lat":52.6369012,"lon":-1.1398456,"spd":13.42,"hdg":271.5,"acc":4.8,"alt":71.2}"""));

        Assert.True(result.IsSuccess);
        await fixture.StoredAsync("emb-values", 1);
        await using var command = fixture.Database.DataSource.CreateCommand(
            "SELECT device_time, ST_X(position), ST_Y(position), speed, heading, accuracy, altitude, source, ST_SRID(position) FROM fixes WHERE device_id = 'emb-values'");
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(time, row.GetFieldValue<DateTimeOffset>(0));
        Assert.Equal(-1.1398456, row.GetDouble(1), 9);
        Assert.Equal(52.6369012, row.GetDouble(2), 9);
        Assert.Equal(13.42f, row.GetFloat(3));
        Assert.Equal(271.5f, row.GetFloat(4));
        Assert.Equal(4.8f, row.GetFloat(5));
        Assert.Equal(71.2f, row.GetFloat(6));
        Assert.Equal(1, row.GetInt16(7));
        Assert.Equal(4326, row.GetInt32(8));
    }

    [Fact]
    public async Task Fix_published_with_mosquitto_pub_is_stored()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "emb-mosquitto-pub");
        var time = Millis(Now);

        await ProcessRunner.RunCheckedAsync("mosquitto_pub",
            "-h", "127.0.0.1", "-p", fixture.Server.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", "emb-mosquitto-pub", "-u", "emb-mosquitto-pub", "-P", DeviceClient.SecretFor("emb-mosquitto-pub"), "-q", "1", "-t", "tracking/emb-mosquitto-pub/fix",
            "-m", $$"""{"t":"{{time:yyyy-MM-ddTHH:mm:ss.fffZ}}","lat":52.64,"lon":-1.13,"spd":4.5}""");

        await fixture.StoredAsync("emb-mosquitto-pub", 1);
        Assert.Equal(1, await fixture.Database.ScalarAsync(
            $"SELECT count(*) FROM fixes WHERE device_id = 'emb-mosquitto-pub' AND device_time = '{time:yyyy-MM-ddTHH:mm:ss.fffZ}' AND speed = 4.5"));
    }

    [Fact]
    public async Task A_buffered_array_of_fixes_is_stored_whole()
    {
        await using var device = await fixture.DeviceAsync("emb-array");
        var start = Millis(Now.AddMinutes(-30));

        await device.PublishRawAsync(Protocols.Native.NativeFixEncoder.EncodeBatch(
            Enumerable.Range(0, 20).Select(i => DeviceClient.Fix("emb-array", start.AddSeconds(i * 5), lat: 52.6 + (i * 0.0001)))));

        Assert.Equal(20, await fixture.StoredAsync("emb-array", 20));
    }

    [Fact]
    public async Task A_resent_fix_is_stored_once_and_counted_as_a_duplicate()
    {
        await using var device = await fixture.DeviceAsync("emb-duplicate");
        var fix = DeviceClient.Fix("emb-duplicate", Millis(Now));
        var before = await StatsAsync();

        await device.PublishAsync(fix);
        await fixture.StoredAsync("emb-duplicate", 1);
        await device.PublishAsync(fix);
        await device.PublishAsync(fix with { Latitude = 52.7 });

        var stats = await Eventually.UntilAsync(StatsAsync, s => s.Duplicates >= before.Duplicates + 2, "two duplicates counted");
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'emb-duplicate'"));
        Assert.Equal(52.6369, await fixture.Database.ScalarAsync("SELECT round(ST_Y(position) * 10000) FROM fixes WHERE device_id = 'emb-duplicate'") / 10000.0, 4);
        Assert.True(stats.Duplicates >= before.Duplicates + 2);
    }

    [Fact]
    public async Task An_out_of_order_fix_is_stored_but_does_not_move_the_live_position_back()
    {
        await using var device = await fixture.DeviceAsync("emb-order");
        var later = DeviceClient.Fix("emb-order", Millis(Now), lat: 52.65);
        var earlier = DeviceClient.Fix("emb-order", Millis(Now.AddMinutes(-2)), lat: 52.60);

        await device.PublishAsync(later);
        await device.PublishAsync(earlier);

        await fixture.StoredAsync("emb-order", 2);
        var live = await fixture.Http.GetFromJsonAsync<List<LivePosition>>("/api/live");
        var position = Assert.Single(live!, p => p.DeviceId == "emb-order");
        Assert.Equal(later.DeviceTime, position.Time);
        Assert.Equal(52.65, position.Latitude);
    }

    [Fact]
    public async Task Bad_input_is_refused_counted_by_reason_and_device_and_kept_as_a_dead_letter_while_other_devices_are_stored()
    {
        await using var bad = await fixture.DeviceAsync("emb-bad");
        await using var good = await fixture.DeviceAsync("emb-good");

        await bad.PublishRawAsync("{\"t\":"u8.ToArray());
        await bad.PublishRawAsync(Encoding.UTF8.GetBytes($$"""{"t":{{Now.ToUnixTimeMilliseconds()}},"lat":0,"lon":0}"""));
        await bad.PublishRawAsync(Encoding.UTF8.GetBytes($$"""{"t":{{Now.AddMinutes(10).ToUnixTimeMilliseconds()}},"lat":52.6,"lon":-1.1}"""));
        await bad.PublishRawAsync(new byte[5000]);
        await good.PublishAsync(DeviceClient.Fix("emb-good", Millis(Now)));

        await fixture.StoredAsync("emb-good", 1);
        var stats = await Eventually.UntilAsync(StatsAsync, s => s.RejectedByDevice.Any(d => d.DeviceId == "emb-bad" && d.ByReason.Values.Sum() == 4), "four rejections of emb-bad");
        var byReason = stats.RejectedByDevice.Single(d => d.DeviceId == "emb-bad").ByReason;
        Assert.Equal(1, byReason["malformed_json"]);
        Assert.Equal(1, byReason["null_island"]);
        Assert.Equal(1, byReason["time_in_future"]);
        Assert.Equal(1, byReason["payload_too_large"]);
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'emb-bad'"));
        await Eventually.UntilAsync(
            () => fixture.Database.ScalarAsync("SELECT count(*) FROM rejected_messages WHERE device_id = 'emb-bad'"), n => n == 4, "four dead letters");
        Assert.Equal(1, await fixture.Database.ScalarAsync(
            "SELECT count(*) FROM rejected_messages WHERE device_id = 'emb-bad' AND reason = 'malformed_json' AND payload = convert_to('{\"t\":', 'UTF8')"));
    }

    [Fact]
    public async Task An_unknown_device_cannot_connect_until_it_is_registered_with_a_secret()
    {
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await DeviceClient.ConnectResultAsync(DeviceClient.Options(fixture.Server.MqttPort, "emb-unregistered", persistentSession: false)));

        await TrackingServer.RegisterAsync(fixture.Http, "emb-unregistered");
        await using var device = await DeviceClient.ConnectAsync(fixture.Server.MqttPort, "emb-unregistered");
        await device.PublishAsync(DeviceClient.Fix("emb-unregistered", Millis(Now)));

        Assert.Equal(1, await fixture.StoredAsync("emb-unregistered", 1));
    }

    [Fact]
    public async Task A_qos0_fix_is_stored_too()
    {
        await using var device = await fixture.DeviceAsync("emb-qos0");

        await device.PublishAsync(DeviceClient.Fix("emb-qos0", Millis(Now)), MqttQualityOfServiceLevel.AtMostOnce);

        Assert.Equal(1, await fixture.StoredAsync("emb-qos0", 1));
    }

    private async Task<IngestStatsResponse> StatsAsync() =>
        (await fixture.Http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web))!;
}
