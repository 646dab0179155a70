using System.Net;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Mqtt;

/// <summary>
/// The embedded MQTTnet 5 broker. Device publishes are taken in its interception hook, never by subscribing
/// to ourselves (MQTTnet's subscriber path costs several times the CPU and drops silently on overflow).
/// MQTTnet sends the PUBACK of a QoS 1 publish only after the hook's task completes, and handles one
/// connection's publishes in order, so awaiting the journal's fsync in the hook is what makes an
/// acknowledgement mean durable. Device fix topics are not relayed to subscribers.
/// </summary>
internal sealed partial class EmbeddedBroker(
    FixIngestor ingestor,
    IOptions<MqttOptions> options,
    ILogger<EmbeddedBroker> logger) : IHostedService, IBrokerStatus, IAsyncDisposable
{
    private MqttServer? _server;

    public bool IsReady => _server?.IsStarted == true;

    public string Description => $"embedded broker on {options.Value.BindAddress}:{options.Value.Port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(settings.BindAddress))
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnConnecting;
        _server.InterceptingPublishAsync += OnPublishAsync;
        await _server.StartAsync();
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
        var outcome = await ingestor.IngestAsync(message.Topic, message.Payload, e.CancellationToken);
        if (!outcome.Handled)
        {
            return;
        }

        e.ProcessPublish = false;
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            return;
        }

        try
        {
            await outcome.Durable;
        }
        catch (IOException exception)
        {
            // Not durable, so not acknowledged: closing the connection makes the device send it again.
            LogNotDurable(logger, exception, e.ClientId);
            e.CloseConnection = true;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true })
        {
            await _server.StopAsync(new MqttServerStopOptions());
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private static partial void LogStarted(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Fixes from client {ClientId} could not be made durable; closing its connection so it resends")]
    private static partial void LogNotDurable(ILogger logger, Exception exception, string clientId);
}
