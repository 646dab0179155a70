using System.Threading.Channels;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Tracking.Protocols;
using Tracking.Server.Command;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Mqtt;

/// <summary>
/// External-broker mode: the server is an MQTT 5 client of any broker, subscribed at QoS 1 to the device topics
/// (optionally through a <c>$share/{group}/</c> shared subscription so several servers split the load).
/// A message is acknowledged to the broker only once its fixes are durable; until then the broker holds it in
/// this server's persistent session and sends it again after a reconnect. Acknowledgements leave in the order
/// the messages arrived (MQTT 5, 4.6), through one queue per connection. MQTTnet 5 has no managed client,
/// so this class owns the reconnect loop. Who may connect and publish what is the broker's ACL (<c>deploy/mosquitto/</c>).
/// Per-device rates are not applied here: every device arrives over this one connection, so a device over its rate
/// could only be dropped, and the broker has already acknowledged its message to it; rate limits are the broker's job
/// in this mode.
/// </summary>
internal sealed partial class ExternalBrokerClient(
    FixIngestor ingestor,
    ControlMessages control,
    DeviceOutbox outbox,
    IOptions<MqttOptions> options,
    ILogger<ExternalBrokerClient> logger) : BackgroundService, IBrokerStatus
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(1);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private Channel<PendingAck> _acks = NewAckQueue();

    public bool IsReady => _client.IsConnected;

    public string Description => $"external broker {options.Value.Host}:{options.Value.Port}";

    /// <summary>
    /// The subscription's topic filters: device topics with the shared-subscription prefix when a group is configured,
    /// and command and control's topics without it (every server's control room must see every incident and status).
    /// </summary>
    public static IReadOnlyList<string> TopicFilters(MqttOptions settings) =>
        [.. TopicRouter.DeviceFilters.Select(filter => settings.HasSharedGroup ? $"$share/{settings.SharedGroup}/{filter}" : filter), .. ControlMessages.Filters];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        outbox.Attach((topic, payload, token) => _client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            token));
        var settings = options.Value;
        var clientOptions = BuildClientOptions(settings);
        var filters = TopicFilters(settings);
        var filterList = string.Join(", ", filters);
        var wasConnected = false;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!_client.IsConnected)
            {
                if (wasConnected)
                {
                    LogDisconnected(logger, Description);
                    wasConnected = false;
                }

                try
                {
                    _acks.Writer.TryComplete();
                    _acks = NewAckQueue();
                    _ = AcknowledgeInOrderAsync(_acks.Reader, stoppingToken);
                    await _client.ConnectAsync(clientOptions, stoppingToken);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var filter in filters)
                    {
                        subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                    }

                    await _client.SubscribeAsync(subscribe.Build(), stoppingToken);
                    LogConnected(logger, settings.Host ?? "", settings.Port, filterList);
                    wasConnected = true;
                    failures = 0;
                }
                catch (Exception exception) when (exception is MqttCommunicationException or OperationCanceledException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
                {
                    if (failures++ % 30 == 0)
                    {
                        LogConnectFailed(logger, exception, Description);
                    }
                }
            }

            await Task.Delay(ReconnectPause, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _acks.Writer.TryComplete();
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }
    }

    private static MqttClientOptions BuildClientOptions(MqttOptions settings)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(settings.Host, settings.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(settings.EffectiveClientId)
            // A persistent session: what arrives while this server is away waits in the broker for it.
            .WithCleanStart(false)
            .WithSessionExpiryInterval(settings.SessionExpirySeconds)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        if (!string.IsNullOrEmpty(settings.Username))
        {
            builder.WithCredentials(settings.Username, settings.Password);
        }

        if (settings.UseTls)
        {
            builder.WithTlsOptions(tls => tls.UseTls().WithAllowUntrustedCertificates(settings.AllowUntrustedCertificates)
                .WithIgnoreCertificateChainErrors(settings.AllowUntrustedCertificates));
        }

        return builder.Build();
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var message = e.ApplicationMessage;
        var acknowledged = message.QualityOfServiceLevel != MqttQualityOfServiceLevel.AtMostOnce;
        if (acknowledged)
        {
            // Decided before anything can fail: a message we could not make durable must not be acknowledged.
            e.AutoAcknowledge = false;
        }

        Task durable;
        try
        {
            durable = ControlMessages.Handles(message.Topic)
                ? control.HandleAsync(message.Topic, message.Payload, CancellationToken.None)
                : (await ingestor.IngestAsync(message.Topic, message.Payload, CancellationToken.None)).Durable;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            durable = Task.FromException(exception);
        }

        if (acknowledged)
        {
            await _acks.Writer.WriteAsync(new PendingAck(durable, e));
        }
    }

    private static async Task AcknowledgeInOrderAsync(ChannelReader<PendingAck> acks, CancellationToken stoppingToken)
    {
        await foreach (var pending in acks.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await pending.Durable;
                await pending.Message.AcknowledgeAsync(stoppingToken);
            }
            catch (Exception)
            {
                // The connection is gone, or the journal failed: without our PUBACK the broker sends the message again.
            }
        }
    }

    private static Channel<PendingAck> NewAckQueue() =>
        Channel.CreateUnbounded<PendingAck>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    public override void Dispose()
    {
        _client.Dispose();
        base.Dispose();
    }

    private sealed record PendingAck(Task Durable, MqttApplicationMessageReceivedEventArgs Message);

    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Connected to the broker at {Host}:{Port}, subscribed to {Filter}")]
    private static partial void LogConnected(ILogger logger, string host, int port, string filter);

    [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "Lost the connection to {Broker}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string broker);

    [LoggerMessage(EventId = 1212, Level = LogLevel.Warning, Message = "Cannot connect to {Broker}; retrying every second")]
    private static partial void LogConnectFailed(ILogger logger, Exception exception, string broker);
}
