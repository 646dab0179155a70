using System.Globalization;
using MQTTnet;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Mqtt;

/// <summary>
/// External-broker mode with the shipped Mosquitto ACL (<c>deploy/mosquitto/acl</c>, used as it is) and a password
/// file made with <c>mosquitto_passwd</c>: the broker lets a device publish its own fixes, drops its publish to
/// another device's topic, and refuses a wrong password; the server (account <c>@tracking-server</c>) stores what the
/// broker let through.
/// </summary>
public sealed class ExternalBrokerAclTests : IAsyncLifetime
{
    private const string ServerSecret = "server-secret-for-the-acl-test";
    private MosquittoBroker _broker = null!;
    private TestDatabase _database = null!;

    private TrackingServer Server { get; set; } = null!;

    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var acl = Path.Combine(RepositoryPaths.Root, "deploy", "mosquitto", "acl");
        _broker = await MosquittoBroker.StartAsync(
            $"""
            allow_anonymous false
            log_type all
            password_file PASSWORDS
            acl_file {acl}
            """,
            async directory =>
            {
                var passwords = Path.Combine(directory, "passwd");
                await ProcessRunner.RunCheckedAsync("mosquitto_passwd", "-c", "-b", passwords, "@tracking-server", ServerSecret);
                foreach (var device in new[] { "acl-veh-1", "acl-veh-2" })
                {
                    await ProcessRunner.RunCheckedAsync("mosquitto_passwd", "-b", passwords, device, DeviceClient.SecretFor(device));
                }

                var configuration = Path.Combine(directory, "mosquitto.conf");
                await File.WriteAllTextAsync(configuration, (await File.ReadAllTextAsync(configuration)).Replace("PASSWORDS", passwords, StringComparison.Ordinal));
            });
        _database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(_database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Mqtt:Mode"] = "External",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = _broker.Port.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:ClientId"] = "acl-server",
            ["Mqtt:Username"] = "@tracking-server",
            ["Mqtt:Password"] = ServerSecret,
        });
        Http = await Server.StartAsync();
        await TrackingServer.RegisterAsync(Http, "acl-veh-1", "acl-veh-2");
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await _database.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private Task<long> CountAsync(string deviceId) => _database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{deviceId}'");

    [Fact]
    public async Task A_devices_own_fix_is_stored_and_its_publish_to_another_devices_topic_is_not_delivered()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds());
        await using (var intruder = await DeviceClient.ConnectAsync(_broker.Port, "acl-veh-1"))
        {
            // Mosquitto acknowledges the denied publish and then closes the connection (MQTT-3.3.5-2 allows either).
            await Record.ExceptionAsync(() => intruder.PublishRawAsync(
                NativeFixEncoder.Encode(DeviceClient.Fix("acl-veh-2", time)), topic: TopicRouter.NativeFixTopic("acl-veh-2")));
        }

        await using var device = await DeviceClient.ConnectAsync(_broker.Port, "acl-veh-1");
        await device.PublishAsync(DeviceClient.Fix("acl-veh-1", time));
        await device.PublishAsync(DeviceClient.Fix("acl-veh-1", time.AddSeconds(1)));

        // Mosquitto handles its clients' packets in one loop, in order: once the later fixes are stored, the forged one would have been too.
        await Eventually.UntilAsync(() => CountAsync("acl-veh-1"), n => n == 2, "the device's own fixes");
        Assert.Equal(0, await CountAsync("acl-veh-2"));
        Assert.Contains("Denied PUBLISH from acl-veh-1", _broker.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_at_connect()
    {
        var wrong = await DeviceClient.ConnectResultAsync(
            DeviceClient.Options(_broker.Port, "acl-veh-1", persistentSession: false, password: "not-the-password-of-acl-veh-1"));
        var anonymous = await DeviceClient.ConnectResultAsync(
            DeviceClient.Options(_broker.Port, "acl-anonymous", persistentSession: false, username: DeviceClient.Anonymous));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, wrong);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, anonymous);
    }
}
