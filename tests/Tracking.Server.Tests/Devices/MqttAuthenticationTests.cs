using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Devices;

/// <summary>
/// Who may connect to the embedded broker outside demo mode: a registered device with its secret, a service account
/// with its own; anyone else gets the CONNACK reason that says so, and is counted.
/// </summary>
public sealed class MqttAuthenticationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private MqttClientOptions Options(string clientId, string? username = null, string? password = null) =>
        DeviceClient.Options(fixture.Server.MqttPort, clientId, persistentSession: false, username: username, password: password);

    private async Task<long> RefusedAsync(string reason) =>
        (await fixture.Http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web))!.Security.ConnectionsRefused[reason];

    [Fact]
    public async Task The_simulators_load_run_stops_with_the_brokers_reason_when_its_secret_is_wrong()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "auth-load-00000");
        var load = new Tracking.Simulator.Load.LoadGenerator(new Tracking.Simulator.Load.LoadOptions(
            "127.0.0.1", fixture.Server.MqttPort, 1, 1, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, 1,
            DevicePrefix: "auth-load-", Username: "auth-load-00000", Password: "not its secret"));

        var refused = await Assert.ThrowsAsync<Tracking.Simulator.Transport.ConnectRefusedException>(() => load.RunAsync(CancellationToken.None));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, refused.Code);
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM fixes WHERE device_id = 'auth-load-00000'"));
    }

    [Fact]
    public async Task An_anonymous_client_is_refused_as_not_authorized_outside_demo_mode()
    {
        var before = await RefusedAsync("anonymous");

        var result = await DeviceClient.ConnectResultAsync(Options("auth-anonymous", username: DeviceClient.Anonymous));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, result);
        Assert.Equal(before + 1, await RefusedAsync("anonymous"));
    }

    [Fact]
    public async Task A_device_with_its_secret_connects_and_a_wrong_secret_is_refused()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "auth-veh-1");
        var before = await RefusedAsync("wrong_secret");

        var right = await DeviceClient.ConnectResultAsync(Options("auth-veh-1"));
        var wrong = await DeviceClient.ConnectResultAsync(Options("auth-veh-1", password: "not-the-secret-of-auth-veh-1"));
        var rightAgain = await DeviceClient.ConnectResultAsync(Options("auth-veh-1"));

        Assert.Equal(MqttClientConnectResultCode.Success, right);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong);
        Assert.Equal(MqttClientConnectResultCode.Success, rightAgain);
        Assert.Equal(before + 1, await RefusedAsync("wrong_secret"));
    }

    [Fact]
    public async Task An_unknown_device_is_refused_whatever_it_says()
    {
        var before = await RefusedAsync("unknown_account");

        var result = await DeviceClient.ConnectResultAsync(Options("auth-nobody"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result);
        Assert.Equal(before + 1, await RefusedAsync("unknown_account"));
    }

    [Fact]
    public async Task A_registered_device_without_a_secret_cannot_connect()
    {
        Assert.Equal(HttpStatusCode.Created, (await fixture.Http.PutAsJsonAsync("/api/devices/auth-nosecret", new DeviceRegistration(null))).StatusCode);
        var before = await RefusedAsync("no_secret");

        var result = await DeviceClient.ConnectResultAsync(Options("auth-nosecret"));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result);
        Assert.Equal(before + 1, await RefusedAsync("no_secret"));
    }

    [Fact]
    public async Task A_revoked_secret_is_refused_and_the_connection_it_opened_is_closed()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "auth-revoked");
        await using var device = await DeviceClient.ConnectAsync(fixture.Server.MqttPort, "auth-revoked");

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.DeleteAsync("/api/devices/auth-revoked/secret")).StatusCode);

        await Eventually.UntilAsync(() => Task.FromResult(device.Mqtt.IsConnected), connected => !connected, "the revoked device's connection closed");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await DeviceClient.ConnectResultAsync(Options("auth-revoked")));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.DeleteAsync("/api/devices/auth-revoked/secret")).StatusCode);
    }

    [Fact]
    public async Task An_issued_secret_is_shown_once_works_at_once_and_replaces_the_old_one()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "auth-issued");

        var response = await fixture.Http.PostAsync("/api/devices/auth-issued/secret", null);

        var issued = (await response.Content.ReadFromJsonAsync<DeviceSecretIssued>(JsonSerializerOptions.Web))!;
        Assert.True(issued.Secret.Length >= 32);
        Assert.Equal(MqttClientConnectResultCode.Success, await DeviceClient.ConnectResultAsync(Options("auth-issued", password: issued.Secret)));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await DeviceClient.ConnectResultAsync(Options("auth-issued")));
        var listed = await fixture.Http.GetStringAsync("/api/devices");
        Assert.Contains("auth-issued", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("pbkdf2", listed, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.Database.ScalarAsync("SELECT count(*) FROM device_credentials WHERE device_id = 'auth-issued' AND secret_hash LIKE 'pbkdf2-sha256$%'"));
        Assert.Equal(0, await fixture.Database.ScalarAsync($"SELECT count(*) FROM device_credentials WHERE secret_hash LIKE '%{issued.Secret}%'"));
    }

    [Fact]
    public async Task A_short_secret_is_refused_and_a_secret_for_an_unknown_device_is_not_found()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "auth-short");

        var shortOne = await fixture.Http.PutAsJsonAsync("/api/devices/auth-short/secret", new DeviceSecretRequest("fifteen-chars15"));
        var unknown = await fixture.Http.PutAsJsonAsync("/api/devices/auth-unknown-device/secret", new DeviceSecretRequest("a-long-enough-secret"));
        var issuedUnknown = await fixture.Http.PostAsync("/api/devices/auth-unknown-device/secret", null);

        Assert.Equal(HttpStatusCode.BadRequest, shortOne.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, issuedUnknown.StatusCode);
        Assert.Equal(MqttClientConnectResultCode.Success, await DeviceClient.ConnectResultAsync(Options("auth-short")));
    }

    [Fact]
    public async Task A_service_account_connects_with_its_secret_until_it_is_rotated_or_removed()
    {
        var secret = await DeviceSecrets.CreateAccountAsync(fixture.Http, "@auth-gateway", "gateway");

        var duplicate = await fixture.Http.PostAsJsonAsync("/api/broker-accounts", new BrokerAccountRequest("@auth-gateway", "cad"));
        var deviceLike = await fixture.Http.PostAsJsonAsync("/api/broker-accounts", new BrokerAccountRequest("auth-gateway", "gateway"));
        var connected = await DeviceClient.ConnectResultAsync(Options("gw-1", "@auth-gateway", secret));
        var rotated = await (await fixture.Http.PostAsync("/api/broker-accounts/@auth-gateway/secret", null)).Content.ReadFromJsonAsync<BrokerAccountSecret>(JsonSerializerOptions.Web);
        var withOld = await DeviceClient.ConnectResultAsync(Options("gw-1", "@auth-gateway", secret));
        var withNew = await DeviceClient.ConnectResultAsync(Options("gw-1", "@auth-gateway", rotated!.Secret));
        var listed = await fixture.Http.GetStringAsync("/api/broker-accounts");
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.Http.DeleteAsync("/api/broker-accounts/@auth-gateway")).StatusCode);
        var afterRemoval = await DeviceClient.ConnectResultAsync(Options("gw-1", "@auth-gateway", rotated.Secret));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deviceLike.StatusCode);
        Assert.Equal(MqttClientConnectResultCode.Success, connected);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, withOld);
        Assert.Equal(MqttClientConnectResultCode.Success, withNew);
        Assert.Contains("\"@auth-gateway\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.Secret, listed, StringComparison.Ordinal);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, afterRemoval);
    }
}
