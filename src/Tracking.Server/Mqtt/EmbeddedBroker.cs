using System.Collections;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using MQTTnet;
using Tracking.Server.Command;
using Tracking.Server.Devices;
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
/// Every client authenticates when it connects (a device id and its secret, a service account, or a client certificate
/// on the TLS listener; no credentials only in demo mode), and every publish and subscription is checked against what
/// that client may use (<see cref="TopicPermissions"/>) and its device's rate (<see cref="PublishAdmission"/>).
/// </summary>
internal sealed partial class EmbeddedBroker(
    FixIngestor ingestor,
    ControlMessages control,
    DeviceOutbox outbox,
    CredentialDirectory credentials,
    DeviceRegistry registry,
    PublishAdmission admission,
    SecurityStats securityStats,
    SecurityLog securityLog,
    IOptions<MqttOptions> options,
    ILogger<EmbeddedBroker> logger) : IHostedService, IBrokerStatus, IAsyncDisposable
{
    /// <summary>Marks the server's own injected messages (dispatches): an instance no client can hand in.</summary>
    private static readonly IDictionary ServerItems = new Hashtable();

    /// <summary>
    /// The principal of each client id's current connection, replaced at every successful connect. Not kept in
    /// MQTTnet's session items: when a persistent session is resumed MQTTnet keeps the old session's items and drops
    /// the new connection's, so a principal stored there would outlive a reconnect under other credentials.
    /// </summary>
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _isRegistered = registry.IsKnown;
    private ClientCertificateAuthority? _clientCa;
    private MqttServer? _server;

    public bool IsReady => _server?.IsStarted == true;

    public string Description => $"embedded broker on {options.Value.BindAddress}:{options.Value.Port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // MQTTnet listens on IPv4 and IPv6 unless told otherwise: listen only where the operator asked.
        var address = IPAddress.Parse(settings.BindAddress);
        var ipv6 = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(ipv6 ? IPAddress.None : address)
            .WithDefaultEndpointBoundIPV6Address(ipv6 ? address : IPAddress.None)
            .WithDefaultEndpointPort(settings.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(settings.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage);
        if (settings.HasTls)
        {
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(ipv6 ? IPAddress.None : address)
                .WithEncryptedEndpointBoundIPV6Address(ipv6 ? address : IPAddress.None)
                .WithEncryptedEndpointPort(settings.TlsPort)
                .WithEncryptionCertificate(LoadServerCertificate(settings))
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
        }

        var serverOptions = builder.Build();
        if (settings.HasTls && !string.IsNullOrWhiteSpace(settings.ClientCaPath))
        {
            _clientCa = ClientCertificateAuthority.Load(settings.ClientCaPath);
            // Ask every TLS client for a certificate, but let one without through: a device may still give its secret
            // inside TLS. A certificate from elsewhere ends the handshake; whose device it names is checked at connect.
            serverOptions.TlsEndpointOptions.ClientCertificateRequired = true;
            serverOptions.TlsEndpointOptions.RemoteCertificateValidationCallback = CheckClientCertificate;
        }

        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
        _server.ValidatingConnectionAsync += OnConnecting;
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.InterceptingSubscriptionAsync += OnSubscribing;
        _server.SessionDeletedAsync += OnSessionDeleted;
        credentials.Revoked += DisconnectRevoked;
        await _server.StartAsync();
        var server = _server;
        outbox.Attach((topic, payload, token) => server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()) { CustomSessionItems = ServerItems },
            token));
        LogStarted(logger, settings.BindAddress, settings.Port);
        if (settings.HasTls)
        {
            LogTlsStarted(logger, settings.BindAddress, settings.TlsPort, _clientCa is not null);
        }
    }

    /// <summary>
    /// The TLS handshake's check of a client certificate: none is fine (the device then gives its secret inside TLS);
    /// one must have been issued by the client CA. The system's roots are not consulted, so <paramref name="errors"/>
    /// (judged against them) says nothing here.
    /// </summary>
    private bool CheckClientCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return true;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (_clientCa!.DeviceIdOf(presented) is not null)
        {
            return true;
        }

        securityStats.ConnectionRefused(ConnectionRefusal.BadCertificate);
        securityLog.ConnectionRefused("(TLS handshake)", presented.GetNameInfo(X509NameType.SimpleName, forIssuer: false), ConnectionRefusal.BadCertificate, null);
        return false;
    }

    private static X509Certificate2 LoadServerCertificate(MqttOptions settings)
    {
        var path = settings.TlsCertificatePath!;
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(settings.TlsCertificatePassword) ? null : settings.TlsCertificatePassword);
        }

        using var pem = X509Certificate2.CreateFromPemFile(path, string.IsNullOrWhiteSpace(settings.TlsKeyPath) ? null : settings.TlsKeyPath);
        // SslStream wants a certificate whose key it can use on every platform: one round trip through PKCS#12 gives that.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private Task OnConnecting(ValidatingConnectionEventArgs e)
    {
        // MQTT 5 (3.1.3.1) lets a client send an empty client id and the server assign one (CONNACK's Assigned
        // Client Identifier); simple clients such as mosquitto_pub do that. MQTTnet refuses empty ids over 3.1.1 itself.
        if (string.IsNullOrEmpty(e.ClientId))
        {
            e.AssignedClientIdentifier = "anonymous-" + Guid.NewGuid().ToString("N");
        }

        var clientId = string.IsNullOrEmpty(e.ClientId) ? e.AssignedClientIdentifier : e.ClientId;
        var authentication = Authenticate(e);
        if (authentication.Principal is not { } principal)
        {
            // MQTT 5 3.2.2.2 (3.1.1: return codes 4 and 5): no credentials or a refused certificate is "not authorized";
            // a wrong, unknown or missing secret is "bad user name or password", without saying which.
            e.ReasonCode = authentication.Refusal is ConnectionRefusal.Anonymous or ConnectionRefusal.BadCertificate
                ? MqttConnectReasonCode.NotAuthorized
                : MqttConnectReasonCode.BadUserNameOrPassword;
            securityStats.ConnectionRefused(authentication.Refusal);
            securityLog.ConnectionRefused(clientId, e.UserName, authentication.Refusal, e.RemoteEndPoint?.ToString());
            return Task.CompletedTask;
        }

        var grant = new Grant(principal);
        _grants[clientId] = grant;
        e.SessionItems[Grant.Key] = grant;
        securityStats.ConnectionAccepted();
        return Task.CompletedTask;
    }

    private Authentication Authenticate(ValidatingConnectionEventArgs e)
    {
        if (e.ClientCertificate is { } certificate && _clientCa is not null)
        {
            var deviceId = _clientCa.DeviceIdOf(certificate);
            return deviceId is not null && registry.IsKnown(deviceId) && (string.IsNullOrEmpty(e.UserName) || e.UserName == deviceId)
                ? Authentication.Of(new Principal(PrincipalKind.Device, registry.Intern(deviceId)))
                : Authentication.Refused(ConnectionRefusal.BadCertificate);
        }

        if (string.IsNullOrEmpty(e.UserName))
        {
            // Demo mode lets the simulator in without credentials; a client that presents credentials is checked anyway.
            return registry.DemoMode ? Authentication.Of(Principal.Anonymous) : Authentication.Refused(ConnectionRefusal.Anonymous);
        }

        return credentials.Authenticate(e.UserName, e.Password ?? "");
    }

    private Principal? PrincipalOf(string clientId, IDictionary? sessionItems) =>
        ReferenceEquals(sessionItems, ServerItems) ? Principal.Server
        : _grants.TryGetValue(clientId, out var grant) ? grant.Principal
        : null;

    private Task OnSubscribing(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        var principal = PrincipalOf(e.ClientId, e.SessionItems);
        if (principal is not null && TopicPermissions.CanSubscribe(principal, filter, _isRegistered))
        {
            return Task.CompletedTask;
        }

        // SUBACK carries the failure for this filter (MQTT 5: 0x87 Not authorized; 3.1.1: 0x80 Failure); the others stand.
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        securityStats.SubscriptionRefused();
        securityLog.SubscriptionRefused(principal ?? Principal.Anonymous, e.ClientId, filter);
        return Task.CompletedTask;
    }

    private Task OnSessionDeleted(SessionDeletedEventArgs e)
    {
        // Only the grant this session was created with: a newer connection under the same client id keeps its own.
        if (e.SessionItems?[Grant.Key] is Grant grant)
        {
            _grants.TryRemove(KeyValuePair.Create(e.Id, grant));
        }

        return Task.CompletedTask;
    }

    /// <summary>A revoked secret or removed account also ends the connections it opened.</summary>
    private void DisconnectRevoked(string name)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }

        foreach (var (clientId, grant) in _grants)
        {
            if (grant.Principal.Name == name && grant.Principal.Kind != PrincipalKind.Anonymous)
            {
                _grants.TryRemove(KeyValuePair.Create(clientId, grant));
                _ = DisconnectAsync(server, clientId);
            }
        }
    }

    private static async Task DisconnectAsync(MqttServer server, string clientId)
    {
        try
        {
            await server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized });
        }
        catch (InvalidOperationException)
        {
            // Not connected any more (a persistent session without a connection): nothing to end.
        }
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var message = e.ApplicationMessage;
        try
        {
            var principal = PrincipalOf(e.ClientId, e.SessionItems);
            var verdict = principal is null
                ? PublishVerdict.NotAuthorized
                : await admission.AdmitAsync(principal, e.ClientId, message.Topic, e.CancellationToken);
            if (verdict != PublishVerdict.Accepted)
            {
                // Neither stored nor relayed. An MQTT 5 client learns why from the PUBACK's reason code (3.4.2.1). MQTT
                // 3.1.1 has no negative PUBACK: the publish is acknowledged and dropped, as Mosquitto does when its ACL
                // denies one, so a device does not resend it forever.
                e.ProcessPublish = false;
                e.Response.ReasonCode = verdict == PublishVerdict.NotAuthorized ? MqttPubAckReasonCode.NotAuthorized : MqttPubAckReasonCode.QuotaExceeded;
                return;
            }

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
            catch (Exception exception) when (exception is InvalidOperationException or NullReferenceException)
            {
                // MQTTnet 5.2 can trip over its own listener list while closing (MqttTcpServerAdapter.Cleanup: "Collection
                // was modified", or a listener already gone, seen as a NullReferenceException); the connections are closed
                // by then, and failing the shutdown would only hide the rest of it.
                LogStopFailed(logger, exception);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        credentials.Revoked -= DisconnectRevoked;
        _server?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One connection's principal; compared by reference, so a newer connection's grant is never removed for an older one.</summary>
    private sealed class Grant(Principal principal)
    {
        public const string Key = "tracking.principal";

        public Principal Principal { get; } = principal;
    }

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Embedded MQTT broker listening with TLS on {Address}:{Port} (client certificates: {ClientCertificates})")]
    private static partial void LogTlsStarted(ILogger logger, string address, int port, bool clientCertificates);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Address}:{Port}")]
    private static partial void LogStarted(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Warning, Message = "The embedded MQTT broker did not stop cleanly")]
    private static partial void LogStopFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Fixes from client {ClientId} could not be made durable; closing its connection so it resends")]
    private static partial void LogNotDurable(ILogger logger, Exception exception, string clientId);
}
