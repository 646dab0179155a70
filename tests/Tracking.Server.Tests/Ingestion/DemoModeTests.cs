using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Ingestion;

public sealed class DemoModeTests
{
    [Fact]
    public async Task In_demo_mode_an_unknown_device_is_registered_on_first_contact_and_its_fixes_stored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, demoMode: true);
        using var http = await server.StartAsync();
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort, "demo-veh-1", anonymous: true);

        await device.PublishAsync(DeviceClient.Fix("demo-veh-1", DateTimeOffset.UtcNow.AddSeconds(-5)));

        await Eventually.UntilAsync(() => database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'demo-veh-1'"), n => n == 1, "the fix stored");
        await Eventually.UntilAsync(
            () => database.ScalarAsync("SELECT count(*) FROM devices WHERE id = 'demo-veh-1' AND registered_by = 'first-contact'"), n => n == 1, "the device registered");
    }

    [Fact]
    public async Task In_demo_mode_anonymous_clients_are_unrestricted_but_a_client_with_credentials_is_still_checked()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, demoMode: true);
        using var http = await server.StartAsync();
        await using var subscriber = await DeviceClient.ConnectAsync(server.MqttPort, "demo-subscriber", anonymous: true);
        await using var publisher = await DeviceClient.ConnectAsync(server.MqttPort, "demo-publisher", anonymous: true);
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.Mqtt.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.ConvertPayloadToString());
            return Task.CompletedTask;
        };
        await subscriber.Mqtt.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("tracking/+/dispatch").Build());

        await publisher.PublishRawAsync("hello"u8.ToArray(), topic: "tracking/demo-subscriber/dispatch");
        var wrong = await DeviceClient.ConnectResultAsync(DeviceClient.Options(server.MqttPort, "demo-claims", persistentSession: false, password: "a-secret-nobody-set"));

        Assert.Equal("hello", await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong);
    }

    [Fact]
    public async Task In_demo_mode_a_topic_with_a_malformed_device_id_is_refused_as_bad_device_id()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, demoMode: true);
        using var http = await server.StartAsync();
        await using var device = await DeviceClient.ConnectAsync(server.MqttPort, "demo-badid", anonymous: true);

        await device.PublishRawAsync(Protocols.Native.NativeFixEncoder.Encode(DeviceClient.Fix("x", DateTimeOffset.UtcNow)), topic: "tracking/bad id!/fix");

        await Eventually.UntilAsync(
            () => http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web), s => s!.RejectedByReason["bad_device_id"] == 1, "bad_device_id counted");
    }

    [Fact]
    public async Task Registered_devices_and_last_positions_survive_a_restart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var time = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds());
        await using (var first = new TrackingServer(database.ConnectionString))
        {
            using var http = await first.StartAsync();
            await TrackingServer.RegisterAsync(http, "restart-veh-1");
            await using var device = await DeviceClient.ConnectAsync(first.MqttPort, "restart-veh-1");
            await device.PublishAsync(DeviceClient.Fix("restart-veh-1", time));
            await Eventually.UntilAsync(() => database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'restart-veh-1'"), n => n == 1, "the fix stored");
        }

        await using var second = new TrackingServer(database.ConnectionString);
        using var secondHttp = await second.StartAsync();
        await using var again = await DeviceClient.ConnectAsync(second.MqttPort, "restart-veh-1");
        await again.PublishAsync(DeviceClient.Fix("restart-veh-1", time.AddSeconds(5)));

        var live = await secondHttp.GetFromJsonAsync<List<Server.Api.LivePosition>>("/api/live", JsonSerializerOptions.Web);
        Assert.Contains(live!, p => p.DeviceId == "restart-veh-1");
        await Eventually.UntilAsync(() => database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'restart-veh-1'"), n => n == 2, "the second fix stored: the registration was remembered");
    }
}
