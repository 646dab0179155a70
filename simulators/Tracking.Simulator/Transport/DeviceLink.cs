using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using Tracking.Simulator.Cad;
using Tracking.Simulator.Protocols;

namespace Tracking.Simulator.Transport;

/// <summary>
/// One device's own MQTT connection (client id = device id, as real trackers connect), owned by a pump task that connects,
/// publishes the device's queue in order and reconnects after a lost connection (MQTTnet 5 has no managed client: the
/// loop is ours). On every connect it subscribes to the device's dispatch topic, <c>tracking/{id}/dispatch</c>. The queue
/// is bounded (<see cref="QueueLength"/>) and drops the oldest position when full, counted: a stalled broker must not
/// grow the simulator without bound. Thread-safe: enqueue from any thread.
/// </summary>
internal sealed class DeviceLink : IAsyncDisposable
{
    public const int QueueLength = 2_000;

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly Channel<(string Topic, byte[] Payload, DeviceProtocol? Protocol)> _queue;
    private readonly MqttQualityOfServiceLevel _qos;
    private readonly TransportCounters _counters;
    private readonly Action<string, DispatchMessage> _onDispatch;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private int _attempts;

    public DeviceLink(string deviceId, string host, int port, MqttQualityOfServiceLevel qos, TransportCounters counters, Action<string, DispatchMessage> onDispatch)
    {
        DeviceId = deviceId;
        _qos = qos;
        _counters = counters;
        _onDispatch = onDispatch;
        _options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(deviceId)
            .WithCleanSession(false)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        _queue = Channel.CreateBounded<(string, byte[], DeviceProtocol?)>(
            new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => counters.Dropped());
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _pump = Task.Run(PumpAsync);
    }

    public string DeviceId { get; }

    public string DispatchTopic => "tracking/" + DeviceId + "/dispatch";

    public bool IsConnected => _client.IsConnected;

    public void Enqueue(DeviceMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _queue.Writer.TryWrite((message.Topic!, message.Payload, message.Protocol));
    }

    public void EnqueueStatus(StatusMessage status) =>
        _queue.Writer.TryWrite(("tracking/" + DeviceId + "/status", JsonSerializer.SerializeToUtf8Bytes(status, CadJson.Options), null));

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        var pause = TimeSpan.FromSeconds(1);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(token))
            {
                if (!_client.IsConnected && !await TryConnectAsync(token))
                {
                    await Task.Delay(pause, token);
                    pause = TimeSpan.FromSeconds(Math.Min(pause.TotalSeconds * 2, 15));
                    continue;
                }

                pause = TimeSpan.FromSeconds(1);
                var failed = false;
                var timedOut = false;
                while (!failed && _client.IsConnected && _queue.Reader.TryPeek(out var item))
                {
                    var message = new MqttApplicationMessageBuilder()
                        .WithTopic(item.Topic)
                        .WithPayload(item.Payload)
                        .WithQualityOfServiceLevel(_qos)
                        .Build();
                    try
                    {
                        var result = await _client.PublishAsync(message, token);
                        _queue.Reader.TryRead(out _);
                        _attempts = 0;
                        if (item.Protocol is { } protocol)
                        {
                            if (result.IsSuccess)
                            {
                                _counters.Sent(protocol);
                            }
                            else
                            {
                                _counters.Failed(protocol);
                            }
                        }
                        else
                        {
                            _counters.Status();
                        }
                    }
                    catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException
                                                      || (exception is OperationCanceledException && !token.IsCancellationRequested))
                    {
                        // A position stays at the head of the queue, sent again once the connection is back. A status that
                        // fails twice is dropped: the next one says more, and it must not hold the positions behind it.
                        failed = true;
                        timedOut = exception is MqttCommunicationTimedOutException;
                        if (item.Protocol is { } protocol)
                        {
                            _counters.Failed(protocol);
                        }
                        else if (++_attempts >= 2)
                        {
                            _queue.Reader.TryRead(out _);
                            _attempts = 0;
                            _counters.StatusFailed();
                        }
                    }
                }

                if (timedOut)
                {
                    // No acknowledgement: the broker may still be stuck on it. A fresh connection starts clean.
                    await DropConnectionAsync();
                }

                if (failed)
                {
                    await Task.Delay(pause, token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
    }

    private async Task DropConnectionAsync()
    {
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }
        catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            // Gone already: the next publish reconnects.
        }
    }

    private async Task<bool> TryConnectAsync(CancellationToken token)
    {
        try
        {
            await ConnectRefusedException.ConnectAsync(_client, _options, token);
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(DispatchTopic, MqttQualityOfServiceLevel.AtLeastOnce).Build(), token);
            return true;
        }
        catch (Exception exception) when (exception is MqttCommunicationException or InvalidOperationException or ConnectRefusedException
                                          || (exception is OperationCanceledException && !token.IsCancellationRequested))
        {
            return false;
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        if (e.ApplicationMessage.Topic == DispatchTopic)
        {
            try
            {
                var text = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
                if (JsonSerializer.Deserialize<DispatchMessage>(text, CadJson.Options) is { Incident: not null, Unit: not null } dispatch)
                {
                    _counters.Dispatch();
                    _onDispatch(DeviceId, dispatch);
                }
            }
            catch (JsonException)
            {
                // Not a dispatch we understand: nothing to act on.
            }
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _queue.Writer.TryComplete();
        await _pump;
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
            catch (MqttCommunicationException)
            {
                // Already gone.
            }
        }

        _client.Dispose();
        _stop.Dispose();
    }
}
