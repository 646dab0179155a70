using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tracking.Core.Fixes;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>A device's MQTT connection for tests: an MQTTnet client that publishes native fixes.</summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private DeviceClient(string deviceId) => DeviceId = deviceId;

    public string DeviceId { get; }

    public IMqttClient Mqtt => _client;

    public static async Task<DeviceClient> ConnectAsync(int port, string deviceId, bool persistentSession = false, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var device = new DeviceClient(deviceId);
        await device._client.ConnectAsync(Options(port, deviceId, persistentSession, version));
        return device;
    }

    public static MqttClientOptions Options(int port, string clientId, bool persistentSession, MqttProtocolVersion version = MqttProtocolVersion.V311)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanSession(!persistentSession)
            .WithTimeout(TimeSpan.FromSeconds(30));
        if (persistentSession && version == MqttProtocolVersion.V500)
        {
            builder.WithSessionExpiryInterval(3600);
        }

        return builder.Build();
    }

    public static Fix Fix(string deviceId, DateTimeOffset time, double lat = 52.6369, double lon = -1.1398, double? speed = null) => new()
    {
        DeviceId = deviceId,
        DeviceTime = time,
        Latitude = lat,
        Longitude = lon,
        Speed = speed,
        Source = FixSource.Native,
        ReceivedAt = time,
    };

    public Task<MqttClientPublishResult> PublishAsync(Fix fix, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        PublishRawAsync(NativeFixEncoder.Encode(fix), qos);

    public Task<MqttClientPublishResult> PublishRawAsync(byte[] payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, string? topic = null) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic ?? TopicRouter.NativeFixTopic(DeviceId))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .Build());

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        _client.Dispose();
    }
}
