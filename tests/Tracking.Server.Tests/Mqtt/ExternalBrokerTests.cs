using System.Text;
using MQTTnet;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Mqtt;

/// <summary>External-broker mode against a real Mosquitto: the server is one MQTT 5 client among the devices.</summary>
public sealed class ExternalBrokerTests : IAsyncLifetime
{
    private MosquittoBroker _broker = null!;
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        _database = await TestDatabase.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private TrackingServer ExternalServer(string clientId, string? sharedGroup = null) => new(_database.ConnectionString, demoMode: true, new Dictionary<string, string?>
    {
        ["Mqtt:Mode"] = "External",
        ["Mqtt:Host"] = "127.0.0.1",
        ["Mqtt:Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
        ["Mqtt:ClientId"] = clientId,
        ["Mqtt:SharedGroup"] = sharedGroup,
    });

    private Task<long> StoredAsync(string deviceId, long count) =>
        Eventually.UntilAsync(() => _database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{deviceId}'"), n => n >= count, $"{count} fixes of {deviceId}");

    [Fact]
    public async Task Fixes_published_to_Mosquitto_by_mosquitto_pub_and_MQTTnet_are_stored()
    {
        await using var server = ExternalServer("ext-server-basic");
        using var http = await server.StartAsync();
        var time = DateTimeOffset.UtcNow.AddSeconds(-10);

        await ProcessRunner.RunCheckedAsync("mosquitto_pub",
            "-h", "127.0.0.1", "-p", _broker.Port.ToString(CultureInfo.InvariantCulture), "-i", "ext-pub", "-q", "1",
            "-t", "tracking/ext-veh-1/fix", "-m", $$"""{"t":{{time.ToUnixTimeMilliseconds()}},"lat":52.63,"lon":-1.13}""");
        await using var device = await DeviceClient.ConnectAsync(_broker.Port, "ext-veh-2");
        await device.PublishAsync(DeviceClient.Fix("ext-veh-2", time));

        Assert.Equal(1, await StoredAsync("ext-veh-1", 1));
        Assert.Equal(1, await StoredAsync("ext-veh-2", 1));
    }

    [Fact]
    public async Task Every_acknowledged_fix_is_stored_exactly_once_across_a_Mosquitto_restart_mid_stream()
    {
        const int Total = 2_000;
        await using var server = ExternalServer("ext-server-restart");
        using var http = await server.StartAsync();
        await using var publisher = new ResilientPublisher(_broker.Port, "ext-restart-veh");
        var restartAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        publisher.OnAcknowledged = count =>
        {
            if (count == 500)
            {
                restartAt.SetResult();
            }
        };
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var publishing = publisher.PublishAllAsync(Enumerable.Range(0, Total).Select(i => DeviceClient.Fix("ext-restart-veh", start.AddSeconds(i))));

        await restartAt.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await _broker.RestartAsync(TimeSpan.FromSeconds(2));
        await publishing.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.True(publisher.Retries > 0, "the publisher never noticed the restart: it proved nothing");
        Assert.Equal(Total, await StoredAsync("ext-restart-veh", Total));
        Assert.Equal(Total, await _database.ScalarAsync("SELECT count(DISTINCT device_time) FROM fixes WHERE device_id = 'ext-restart-veh'"));
    }

    [Fact]
    public async Task Two_servers_in_a_shared_subscription_group_split_the_devices_messages_and_store_each_once()
    {
        await using var first = ExternalServer("ext-share-1", sharedGroup: "tracking");
        await using var second = ExternalServer("ext-share-2", sharedGroup: "tracking");
        using var firstHttp = await first.StartAsync();
        using var secondHttp = await second.StartAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);

        var devices = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => DeviceClient.ConnectAsync(_broker.Port, $"ext-share-{i:D2}")));
        try
        {
            await Task.WhenAll(devices.Select(async device =>
            {
                for (var n = 0; n < 20; n++)
                {
                    await device.PublishAsync(DeviceClient.Fix(device.DeviceId, start.AddSeconds(n)));
                }
            }));
        }
        finally
        {
            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }

        await Eventually.UntilAsync(() => _database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id LIKE 'ext-share-%'"), n => n >= 200, "200 fixes");
        var firstStats = await firstHttp.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web);
        var secondStats = await secondHttp.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web);
        Assert.Equal(200, firstStats!.Accepted + secondStats!.Accepted);
        Assert.True(firstStats.Accepted > 0 && secondStats.Accepted > 0, $"one server took everything: {firstStats.Accepted} / {secondStats.Accepted}");
        Assert.Equal(200, await _database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id LIKE 'ext-share-%'"));
    }

    [Fact]
    public async Task Every_server_of_a_shared_group_sees_a_CAD_incident_and_a_dispatch_reaches_the_device_through_the_broker()
    {
        await using var first = ExternalServer("ext-cad-1", sharedGroup: "tracking");
        await using var second = ExternalServer("ext-cad-2", sharedGroup: "tracking");
        using var firstHttp = await first.StartAsync();
        using var secondHttp = await second.StartAsync();
        var created = DateTimeOffset.UtcNow.AddMinutes(-2).ToString("O", CultureInfo.InvariantCulture);

        await ProcessRunner.RunCheckedAsync("mosquitto_pub",
            "-h", "127.0.0.1", "-p", _broker.Port.ToString(CultureInfo.InvariantCulture), "-i", "ext-cad", "-q", "1", "-t", "cad/incidents", "-m",
            $$"""{"id":"INC-EXT","grade":2,"type":"Theft","location":{"type":"Point","coordinates":[-1.13,52.63]},"createdAt":"{{created}}"}""");

        // The CAD topic is subscribed without the shared group: both control rooms have the incident open (one stored
        // it, the other found it unchanged in the database), so both can recommend for it.
        foreach (var http in new[] { firstHttp, secondHttp })
        {
            await Eventually.UntilAsync(
                async () => (await http.GetAsync("/api/incidents/INC-EXT/recommendations")).IsSuccessStatusCode, open => open, "the incident open in both");
        }

        await Command.ControlRoomClient.OnDutyAsync(firstHttp, "ext");
        await using var vehicle = await DeviceClient.ConnectAsync(_broker.Port, "ext-veh");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        vehicle.Mqtt.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage.Topic + " " + Encoding.UTF8.GetString(e.ApplicationMessage.Payload));
            return Task.CompletedTask;
        };
        await vehicle.Mqtt.SubscribeAsync("tracking/ext-veh/dispatch", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);

        var assign = await firstHttp.PostAsJsonAsync("/api/incidents/INC-EXT/assignments", new { unit = "ext" });

        Assert.Equal(System.Net.HttpStatusCode.Created, assign.StatusCode);
        var dispatch = await received.Task.WaitAsync(Eventually.DefaultTimeout);
        Assert.StartsWith("tracking/ext-veh/dispatch ", dispatch, StringComparison.Ordinal);
        Assert.Contains("\"incident\":\"INC-EXT\"", dispatch, StringComparison.Ordinal);
    }
}
