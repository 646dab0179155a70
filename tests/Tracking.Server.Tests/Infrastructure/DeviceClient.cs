using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tracking.Core.Fixes;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>
/// A device's MQTT connection for tests: an MQTTnet client that publishes native fixes. The tests' one convention
/// for credentials: a device connects with username = its device id and password <see cref="SecretFor"/>, the secret
/// the registration helpers (<see cref="DeviceSecrets"/>) give every test device; <c>anonymous</c> connects without
/// credentials (accepted in demo mode only).
/// </summary>
public sealed class DeviceClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    private DeviceClient(string deviceId) => DeviceId = deviceId;

    public string DeviceId { get; }

    public IMqttClient Mqtt => _client;

    /// <summary>The secret every test device is given: derived from its id, at least 16 characters.</summary>
    public static string SecretFor(string deviceId) => "test-secret-of-" + deviceId;

    public static async Task<DeviceClient> ConnectAsync(
        int port, string deviceId, bool persistentSession = false, MqttProtocolVersion version = MqttProtocolVersion.V311, bool anonymous = false)
    {
        return await ConnectAsync(Options(port, deviceId, persistentSession, version, anonymous ? Anonymous : null), deviceId);
    }

    /// <summary>Connects with these options (a service account's, say); <paramref name="deviceId"/> is the default topic's device.</summary>
    public static async Task<DeviceClient> ConnectAsync(MqttClientOptions options, string deviceId)
    {
        var device = new DeviceClient(deviceId);
        var result = await device._client.ConnectAsync(options);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            device._client.Dispose();
            throw new InvalidOperationException($"{deviceId} was refused: {result.ResultCode}");
        }

        return device;
    }

    /// <summary>Connects with the options and disconnects again; MQTTnet 5 answers a refused CONNECT with its result code, not an exception.</summary>
    public static async Task<MqttClientConnectResultCode> ConnectResultAsync(MqttClientOptions options)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(options);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        return result.ResultCode;
    }

    /// <summary>Pass as <c>username</c> to <see cref="Options"/> to connect without credentials.</summary>
    public const string Anonymous = "";

    /// <summary>
    /// Connection options: username <paramref name="username"/> (default: the client id, as a device connects) with
    /// <paramref name="password"/> (default: <see cref="SecretFor"/> the username); <see cref="Anonymous"/> for none.
    /// </summary>
    public static MqttClientOptions Options(
        int port, string clientId, bool persistentSession, MqttProtocolVersion version = MqttProtocolVersion.V311, string? username = null, string? password = null)
    {
        username ??= clientId;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanSession(!persistentSession)
            .WithTimeout(TimeSpan.FromSeconds(30));
        if (username.Length > 0)
        {
            builder.WithCredentials(username, password ?? SecretFor(username));
        }
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
