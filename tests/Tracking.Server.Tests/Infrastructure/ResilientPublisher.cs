using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Tracking.Core.Fixes;
using Tracking.Protocols;
using Tracking.Protocols.Native;

namespace Tracking.Server.Tests.Infrastructure;

/// <summary>
/// A device that must not lose data: publishes fixes one after another at QoS 1 and, when the connection breaks
/// (server killed, broker restarted), reconnects and sends the unacknowledged fix again, as real trackers do.
/// Records which fixes were acknowledged. Connects as the device (<see cref="DeviceClient.SecretFor"/>), or without
/// credentials when <paramref name="anonymous"/> (a demo-mode server).
/// </summary>
public sealed class ResilientPublisher(int port, string deviceId, bool persistentSession = true, bool anonymous = false) : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _acknowledged;
    private long _retries;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Fires after each acknowledgement with the running count.</summary>
    public Action<long>? OnAcknowledged { get; set; }

    /// <summary>Publishes every fix, retrying each until acknowledged, optionally pausing between fixes; stops quietly when cancelled.</summary>
    public async Task PublishAllAsync(IEnumerable<Fix> fixes, TimeSpan pause = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        var options = DeviceClient.Options(port, deviceId, persistentSession, username: anonymous ? DeviceClient.Anonymous : null);
        var topic = TopicRouter.NativeFixTopic(deviceId);
        foreach (var fix in fixes)
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(NativeFixEncoder.Encode(fix))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            while (true)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    if (!_client.IsConnected)
                    {
                        await _client.ConnectAsync(options, cancellationToken);
                    }

                    var result = await _client.PublishAsync(message, cancellationToken);
                    if (result.IsSuccess)
                    {
                        break;
                    }
                }
                catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _retries);
                    await Task.Delay(100, CancellationToken.None);
                }
            }

            OnAcknowledged?.Invoke(Interlocked.Increment(ref _acknowledged));
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, CancellationToken.None);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions());
        }

        _client.Dispose();
    }
}
