using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Devices;

/// <summary>
/// The TLS listener: a device authenticates with a client certificate issued by the configured client CA whose
/// subject CN is its device id, or with its secret inside TLS; a certificate from another CA is refused.
/// </summary>
public sealed class TlsClientCertificateTests : IAsyncLifetime
{
    private readonly int _tlsPort = FreePort.Next();
    private TestDatabase _database = null!;

    private TestCertificates Authority { get; } = new("Tracking test device CA");

    private TestCertificates Stranger { get; } = new("Someone else's CA");

    private TrackingServer Server { get; set; } = null!;

    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        var (certificate, key) = Authority.WriteServerCertificate();
        _database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(_database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Mqtt:TlsCertificatePath"] = certificate,
            ["Mqtt:TlsKeyPath"] = key,
            ["Mqtt:TlsPort"] = _tlsPort.ToString(CultureInfo.InvariantCulture),
            ["Mqtt:ClientCaPath"] = Authority.AuthorityPath,
        });
        Http = await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await _database.DisposeAsync();
        Authority.Dispose();
        Stranger.Dispose();
    }

    private MqttClientOptions TlsOptions(string clientId, X509Certificate2? certificate, string? username = null, string? password = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _tlsPort)
            .WithClientId(clientId)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTrustChain([Authority.Authority]).WithTargetHost("127.0.0.1");
                if (certificate is not null)
                {
                    tls.WithClientCertificates([certificate]);
                }
            });
        if (username is not null)
        {
            builder.WithCredentials(username, password);
        }

        return builder.Build();
    }

    private async Task<long> BadCertificatesAsync() =>
        (await Http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web))!.Security.ConnectionsRefused["bad_certificate"];

    [Fact]
    public async Task A_device_with_a_certificate_from_the_client_CA_connects_and_its_fix_is_stored()
    {
        await TrackingServer.RegisterAsync(Http, "tls-veh-1");
        using var certificate = Authority.ClientCertificate("tls-veh-1");

        await using var device = await DeviceClient.ConnectAsync(TlsOptions("tls-veh-1", certificate), "tls-veh-1");
        await device.PublishAsync(DeviceClient.Fix("tls-veh-1", DateTimeOffset.UtcNow.AddSeconds(-5)));

        await Eventually.UntilAsync(() => _database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'tls-veh-1'"), n => n == 1, "the fix stored");
    }

    [Fact]
    public async Task A_certificate_from_another_CA_is_refused()
    {
        await TrackingServer.RegisterAsync(Http, "tls-veh-2");
        using var certificate = Stranger.ClientCertificate("tls-veh-2");
        var before = await BadCertificatesAsync();

        // The TLS handshake itself fails: the server does not accept the certificate.
        var refusal = await Record.ExceptionAsync(() => DeviceClient.ConnectResultAsync(TlsOptions("tls-veh-2", certificate)));

        Assert.NotNull(refusal);
        Assert.Equal(before + 1, await BadCertificatesAsync());
    }

    [Fact]
    public async Task A_certificate_for_an_unregistered_device_is_refused_as_not_authorized()
    {
        using var certificate = Authority.ClientCertificate("tls-nobody");

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, await DeviceClient.ConnectResultAsync(TlsOptions("tls-nobody", certificate)));
    }

    [Fact]
    public async Task Without_a_certificate_a_device_gives_its_secret_inside_TLS()
    {
        await TrackingServer.RegisterAsync(Http, "tls-veh-3");

        var right = await DeviceClient.ConnectResultAsync(TlsOptions("tls-veh-3", null, "tls-veh-3", DeviceClient.SecretFor("tls-veh-3")));
        var none = await DeviceClient.ConnectResultAsync(TlsOptions("tls-veh-3", null));

        Assert.Equal(MqttClientConnectResultCode.Success, right);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, none);
    }
}
