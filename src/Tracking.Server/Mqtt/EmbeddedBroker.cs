using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using MQTTnet;
using Tracking.Server.Command;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Mqtt;

/// <summary>
/// The embedded MQTTnet 5 broker. Device publishes are taken in its interception hook, never by subscribing
/// to ourselves (MQTTnet's subscriber path costs several times the CPU and drops silently on overflow).
/// MQTTnet sends the PUBACK of a QoS 1 publish only after the hook's task completes, and handles one
/// connection's publishes in order, so awaiting the journal's fsync in the hook is what makes an
/// acknowledgement mean durable. Device fix topics are not relayed to subscribers; nor are command and
/// control's (<c>cad/incidents</c>, <c>tracking/{id}/status</c>), acknowledged once the control room has
/// stored them. The server's own messages to devices (dispatches) are injected and relayed.
/// </summary>
internal sealed partial class EmbeddedBroker(
    FixIngestor ingestor,
    ControlMessages control,
    DeviceOutbox outbox,
    IOptions<MqttOptions> options,
    ILogger<EmbeddedBroker> logger) : IHostedService, IBrokerStatus, IAsyncDisposable
{
    private MqttServer? _server;

    public bool IsReady => _server?.IsStarted == true;

    public string Description => $"embedded broker on {options.Value.BindAddress}:{options.Value.Port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // MQTTnet listens on IPv4 and IPv6 unless told otherwise: listen only where the operator asked.
        var address = IPAddress.Parse(settings.BindAddress);
        var ipv6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(ipv6 ? IPAddress.None : address)
            .WithDefaultEndpointBoundIPV6Address(ipv6 ? address : IPAddress.None)
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnConnecting;
        _server.InterceptingPublishAsync += OnPublishAsync;
        await _server.StartAsync();
        var server = _server;
        outbox.Attach((topic, payload, token) => server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()),
            token));
        LogStarted(logger, settings.BindAddress, settings.Port);
    }

    private static Task OnConnecting(ValidatingConnectionEventArgs e)
    {
        // MQTT 5 (3.1.3.1) lets a client send an empty client id and the server assign one (CONNACK's Assigned
        // Client Identifier); simple clients such as mosquitto_pub do that. MQTTnet refuses empty ids over 3.1.1 itself.
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.AssignedClientIdentifier = "anonymous-" + Guid.NewGuid().ToString("N");
        }

        return Task.CompletedTask;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        try
        {
            var outcome = await ingestor.IngestAsync(message.Topic, message.Payload, e.CancellationToken);
            if (!outcome.Handled)
            {
                if (ControlMessages.Handles(message.Topic))
                {
                    e.ProcessPublish = false;
                    await control.HandleAsync(message.Topic, message.Payload, e.CancellationToken);
                }

                return;
            }

            e.ProcessPublish = false;
            if (message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce)
            {
                await outcome.Durable;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Not durable, so not acknowledged: closing the connection makes the device send it again.
            LogNotDurable(logger, exception, e.ClientId);
            e.ProcessPublish = false;
            e.CloseConnection = true;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            try
            {
                await _server.StopAsync(new MqttServerStopOptions());
            }
            catch (InvalidOperationException exception)
            {
                // MQTTnet 5.2 can trip over its own listener list while closing (MqttTcpServerAdapter.Cleanup); the
                // connections are closed by then, and failing the shutdown would only hide the rest of it.
                LogStopFailed(logger, exception);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private static partial void LogStarted(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "The embedded MQTT broker did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Fixes from client {ClientId} could not be made durable; closing its connection so it resends")]
    private static partial void LogNotDurable(ILogger logger, Exception exception, string clientId);
}
