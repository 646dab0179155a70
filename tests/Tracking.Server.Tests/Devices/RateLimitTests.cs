using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using Tracking.Protocols;
using Tracking.Protocols.Native;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Devices;

/// <summary>
/// Per-device message rates (here 5 a second, burst 10): a device flooding its own connection is slowed and loses
/// nothing; over a shared connection (a gateway) and over HTTP the excess is refused; other devices are not touched.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private TrackingServer Server { get; set; } = null!;

    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Server = new TrackingServer(_database.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Tracking:DeviceSecurity:MessagesPerSecond"] = "5",
            ["Tracking:DeviceSecurity:Burst"] = "10",
        });
        Http = await Server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<SecurityStatsResponse> SecurityAsync() =>
        (await Http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web))!.Security;

    private Task<long> StoredAsync(string deviceId) => _database.ScalarAsync($"SELECT count(*) FROM fixes WHERE device_id = '{deviceId}'");

    [Fact]
    public async Task A_device_flooding_its_own_connection_is_slowed_loses_nothing_and_another_devices_fixes_all_arrive()
    {
        await TrackingServer.RegisterAsync(Http, "rate-flood", "rate-calm");
        await using var flood = await DeviceClient.ConnectAsync(Server.MqttPort, "rate-flood");
        await using var calm = await DeviceClient.ConnectAsync(Server.MqttPort, "rate-calm");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());

        var flooding = Task.WhenAll(Enumerable.Range(0, 25).Select(i => flood.PublishAsync(DeviceClient.Fix("rate-flood", start.AddSeconds(i)))));
        var calmResults = new List<MqttClientPublishResult>();
        for (var i = 0; i < 5; i++)
        {
            calmResults.Add(await calm.PublishAsync(DeviceClient.Fix("rate-calm", start.AddSeconds(i))));
        }

        var floodResults = await flooding;
        Assert.All(floodResults.Concat(calmResults), result => Assert.True(result.IsSuccess));
        await Eventually.UntilAsync(() => StoredAsync("rate-flood"), n => n == 25, "every fix of the flooding device");
        await Eventually.UntilAsync(() => StoredAsync("rate-calm"), n => n == 5, "every fix of the calm device");
        var security = await SecurityAsync();
        Assert.True(security.MessagesThrottled >= 1, $"throttled {security.MessagesThrottled}");
        Assert.Equal(0, security.MessagesLimited);
    }

    [Fact]
    public async Task Over_a_gateways_connection_a_radio_over_its_rate_is_refused_with_quota_exceeded_and_another_radio_is_not()
    {
        await TrackingServer.RegisterAsync(Http, "2351001", "2351002");
        var secret = await DeviceSecrets.CreateAccountAsync(Http, "@rate-gateway", "gateway");
        await using var gateway = await DeviceClient.ConnectAsync(
            DeviceClient.Options(Server.MqttPort, "rate-gw", persistentSession: false, MqttProtocolVersion.V500, "@rate-gateway", secret), "rate-gw");
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds());

        var noisy = new List<MqttClientPublishResult>();
        for (var i = 0; i < 40; i++)
        {
            noisy.Add(await gateway.PublishRawAsync(NativeFixEncoder.Encode(DeviceClient.Fix("2351001", start.AddSeconds(i))), topic: TopicRouter.NativeFixTopic("2351001")));
        }

        var quiet = await gateway.PublishRawAsync(NativeFixEncoder.Encode(DeviceClient.Fix("2351002", start)), topic: TopicRouter.NativeFixTopic("2351002"));

        var refused = noisy.Count(r => r.ReasonCode == MqttClientPublishReasonCode.QuotaExceeded);
        var accepted = noisy.Count(r => r.ReasonCode == MqttClientPublishReasonCode.Success);
        Assert.True(refused >= 1, "some of the noisy radio's fixes refused");
        Assert.Equal(40, refused + accepted);
        Assert.Equal(MqttClientPublishReasonCode.Success, quiet.ReasonCode);
        await Eventually.UntilAsync(() => StoredAsync("2351001"), n => n == accepted, $"the {accepted} accepted fixes of the noisy radio");
        await Eventually.UntilAsync(() => StoredAsync("2351002"), n => n == 1, "the quiet radio's fix");
        Assert.True((await SecurityAsync()).MessagesLimited >= refused);
    }

    [Fact]
    public async Task An_OsmAnd_device_over_its_rate_gets_429_with_Retry_After()
    {
        await TrackingServer.RegisterAsync(Http, "rate-phone");
        var token = DeviceClient.SecretFor("rate-phone");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds();

        // A phone sends its own token and no user's credentials.
        using var phone = Server.CreateAnonymousClient();
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 30; i++)
        {
            responses.Add(await phone.GetAsync($"/osmand?id=rate-phone&timestamp={start + i}&lat=52.6&lon=-1.1&token={token}"));
        }

        var tooMany = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(tooMany);
        Assert.All(tooMany, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
        var ok = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(30, ok + tooMany.Count);
        await Eventually.UntilAsync(() => StoredAsync("rate-phone"), n => n == ok, $"the {ok} accepted reports");
    }
}
