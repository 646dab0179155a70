using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Devices;

/// <summary>
/// What each client may publish and subscribe to on the embedded broker: a device its own topics and its dispatch
/// topic, a gateway any registered device's, command and control <c>cad/incidents</c>. Everything else is refused,
/// counted and leaves nothing stored.
/// </summary>
public sealed class TopicAccessTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private async Task<SecurityStatsResponse> SecurityAsync() =>
        (await fixture.Http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web))!.Security;

    private Task<long> CountAsync(string sql) => fixture.Database.ScalarAsync(sql);

    [Fact]
    public async Task A_device_publishing_to_another_devices_topic_is_refused_counted_and_nothing_is_stored()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "acl-victim");
        await using var intruder = await fixture.DeviceAsync("acl-intruder");
        var before = await SecurityAsync();

        // MQTT 3.1.1 has no negative PUBACK: the publish is acknowledged and dropped.
        var forged = await intruder.PublishRawAsync(NativeFixEncoder.Encode(DeviceClient.Fix("acl-victim", Now.AddSeconds(-2))), topic: TopicRouter.NativeFixTopic("acl-victim"));
        var own = await intruder.PublishAsync(DeviceClient.Fix("acl-intruder", Now.AddSeconds(-1)));

        Assert.True(forged.IsSuccess);
        Assert.True(own.IsSuccess);
        Assert.Equal(1, await fixture.StoredAsync("acl-intruder", 1));
        Assert.Equal(before.PublishesRefused + 1, (await SecurityAsync()).PublishesRefused);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM fixes WHERE device_id = 'acl-victim'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM rejected_messages WHERE device_id = 'acl-victim'"));
    }

    [Fact]
    public async Task Over_MQTT_5_a_refused_publish_gets_reason_code_not_authorized()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "acl-v5-other");
        await using var device = await fixture.DeviceAsync("acl-v5");
        await device.DisposeAsync();
        await using var v5 = await DeviceClient.ConnectAsync(fixture.Server.MqttPort, "acl-v5", version: MqttProtocolVersion.V500);

        var forged = await v5.PublishRawAsync(NativeFixEncoder.Encode(DeviceClient.Fix("acl-v5-other", Now)), topic: TopicRouter.NativeFixTopic("acl-v5-other"));
        var incident = await v5.PublishRawAsync("{}"u8.ToArray(), topic: "cad/incidents");
        var own = await v5.PublishAsync(DeviceClient.Fix("acl-v5", Now));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forged.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, incident.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, own.ReasonCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM fixes WHERE device_id = 'acl-v5-other'"));
    }

    [Fact]
    public async Task A_device_may_subscribe_to_its_own_dispatch_topic_only()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "acl-sub-other");
        await using var device = await fixture.DeviceAsync("acl-sub");
        var before = await SecurityAsync();

        var result = await device.Mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("tracking/acl-sub/dispatch", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("tracking/acl-sub-other/dispatch", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("tracking/+/dispatch", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("#", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

        Assert.Equal(
            [MqttClientSubscribeResultCode.GrantedQoS1, MqttClientSubscribeResultCode.UnspecifiedError, MqttClientSubscribeResultCode.UnspecifiedError, MqttClientSubscribeResultCode.UnspecifiedError],
            result.Items.Select(item => item.ResultCode));
        Assert.Equal(before.SubscriptionsRefused + 3, (await SecurityAsync()).SubscriptionsRefused);
    }

    [Fact]
    public async Task A_gateway_account_publishes_LIP_for_two_radios_and_both_are_stored_but_not_for_an_unregistered_one()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "2350101", "2350102");
        var secret = await DeviceSecrets.CreateAccountAsync(fixture.Http, "@acl-tetra", "gateway");
        await using var gateway = await DeviceClient.ConnectAsync(
            DeviceClient.Options(fixture.Server.MqttPort, "acl-tetra-gw", persistentSession: false, username: "@acl-tetra", password: secret), "acl-tetra-gw");
        var before = await SecurityAsync();

        foreach (var issi in new[] { "2350101", "2350102", "2350199" })
        {
            // A short location report (ETSI TS 100 392-18-1 §6.2.1) at 52.6369 N, 1.1398 W, as a gateway forwards it in hex.
            await gateway.PublishRawAsync(Encoding.ASCII.GetBytes(ShortLocationReportHex), topic: TopicRouter.TetraLipTopic(issi));
        }

        Assert.Equal(1, await fixture.StoredAsync("2350101", 1));
        Assert.Equal(1, await fixture.StoredAsync("2350102", 1));
        Assert.Equal(before.PublishesRefused + 1, (await SecurityAsync()).PublishesRefused);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM fixes WHERE device_id = '2350199'"));
    }

    [Fact]
    public async Task A_CAD_accounts_incident_is_accepted_and_a_devices_publish_to_cad_incidents_is_refused()
    {
        var secret = await DeviceSecrets.CreateAccountAsync(fixture.Http, "@acl-cad", "cad");
        await using var cad = await DeviceClient.ConnectAsync(
            DeviceClient.Options(fixture.Server.MqttPort, "acl-cad", persistentSession: false, username: "@acl-cad", password: secret), "acl-cad");
        await using var device = await fixture.DeviceAsync("acl-cad-device");
        const string Incident = """{"id":"INC-ACL-1","grade":2,"type":"Theft","location":{"type":"Point","coordinates":[-1.13,52.63]},"createdAt":"2026-11-26T00:10:00Z"}""";
        const string Forged = """{"id":"INC-ACL-FORGED","grade":1,"type":"Hoax","location":{"type":"Point","coordinates":[-1.13,52.63]},"createdAt":"2026-11-26T00:10:00Z"}""";
        var before = await SecurityAsync();

        await device.PublishRawAsync(Encoding.UTF8.GetBytes(Forged), topic: "cad/incidents");
        await cad.PublishRawAsync(Encoding.UTF8.GetBytes(Incident), topic: "cad/incidents");
        var fix = await cad.PublishRawAsync(NativeFixEncoder.Encode(DeviceClient.Fix("acl-cad-device", Now)), topic: TopicRouter.NativeFixTopic("acl-cad-device"));

        // QoS 1 publishes of incidents are acknowledged once stored.
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM incidents WHERE id = 'INC-ACL-1'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM incidents WHERE id = 'INC-ACL-FORGED'"));
        Assert.True(fix.IsSuccess);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM fixes WHERE device_id = 'acl-cad-device'"));
        Assert.Equal(before.PublishesRefused + 2, (await SecurityAsync()).PublishesRefused);
    }

    /// <summary>Protocol identifier 0x0A, short location report, &lt; 5 s, 1.1398° W, 52.6369° N, error &lt; 20 m, 20 km/h east, reason 0.</summary>
    private static string ShortLocationReportHex
    {
        get
        {
            var longitudeCode = (long)Math.Round(-1.1398 * (1 << 25) / 360.0);
            var latitudeCode = (long)Math.Round(52.6369 * (1 << 24) / 180.0);
            var bits = new StringBuilder()
                .Append(BitText.Bits(0x0A, 8))
                .Append(BitText.Bits(0, 2))
                .Append(BitText.Bits(0, 2))
                .Append(BitText.Bits(longitudeCode, 25))
                .Append(BitText.Bits(latitudeCode, 24))
                .Append(BitText.Bits(1, 3))
                .Append(BitText.Bits(20, 7))
                .Append(BitText.Bits(4, 4))
                .Append(BitText.Bits(0, 1))
                .Append(BitText.Bits(0, 8));
            return BitText.ToHex(bits.ToString());
        }
    }
}
