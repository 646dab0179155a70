using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tracking.Server.Api;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Devices;

/// <summary>OsmAnd / Traccar Client requests carry the device's secret as a token: missing or wrong is a 401, counted; right is stored.</summary>
public sealed class OsmAndTokenTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    // A phone sends its own token and no user's credentials: the test client's API token would be taken for the device's.
    private readonly HttpClient _phone = fixture.Server.CreateAnonymousClient();

    public void Dispose() => _phone.Dispose();

    private static string Report(string device, DateTimeOffset time) =>
        $"id={device}&timestamp={time.ToUnixTimeSeconds()}&lat=52.6369&lon=-1.1398&speed=10";

    private async Task<long> UnauthorizedAsync() =>
        (await fixture.Http.GetFromJsonAsync<IngestStatsResponse>("/api/ingest/stats", JsonSerializerOptions.Web))!.Security.HttpUnauthorized;

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_the_answer_is_401_and_with_the_right_one_200()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "osm-phone-1");
        var time = DateTimeOffset.UtcNow.AddMinutes(-1);
        var before = await UnauthorizedAsync();

        var none = await _phone.GetAsync($"/osmand?{Report("osm-phone-1", time)}");
        var wrong = await _phone.GetAsync($"/osmand?{Report("osm-phone-1", time)}&token=not-the-right-token");
        var right = await _phone.GetAsync($"/osmand?{Report("osm-phone-1", time)}&token={DeviceClient.SecretFor("osm-phone-1")}");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(before + 2, await UnauthorizedAsync());
        Assert.Equal(1, await fixture.StoredAsync("osm-phone-1", 1));
        Assert.Equal(0, await fixture.Database.ScalarAsync("SELECT count(*) FROM rejected_messages WHERE device_id = 'osm-phone-1'"));
    }

    [Fact]
    public async Task The_token_may_come_as_a_form_field_Basic_or_Bearer_credentials_on_the_dedicated_port()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "osm-phone-2");
        var secret = DeviceClient.SecretFor("osm-phone-2");
        var time = DateTimeOffset.UtcNow.AddMinutes(-3);
        using var phone = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{fixture.Server.OsmAndPort}/") };

        var form = await phone.PostAsync("/", new StringContent($"{Report("osm-phone-2", time)}&token={secret}", Encoding.ASCII, "application/x-www-form-urlencoded"));
        using var basic = new HttpRequestMessage(HttpMethod.Post, $"/?{Report("osm-phone-2", time.AddSeconds(1))}");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"osm-phone-2:{secret}")));
        var basicResponse = await phone.SendAsync(basic);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, $"/?{Report("osm-phone-2", time.AddSeconds(2))}");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var bearerResponse = await phone.SendAsync(bearer);
        using var otherDevice = new HttpRequestMessage(HttpMethod.Post, $"/?{Report("osm-phone-2", time.AddSeconds(3))}");
        otherDevice.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"osm-phone-3:{secret}")));
        var otherResponse = await phone.SendAsync(otherDevice);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.OK, basicResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bearerResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherResponse.StatusCode);
        Assert.Equal(3, await fixture.StoredAsync("osm-phone-2", 3));
    }

    [Fact]
    public async Task A_refused_request_is_dead_lettered_without_its_token()
    {
        await TrackingServer.RegisterAsync(fixture.Http, "osm-phone-4");
        var secret = DeviceClient.SecretFor("osm-phone-4");

        var response = await _phone.GetAsync($"/osmand?id=osm-phone-4&token={secret}&timestamp={DateTimeOffset.UtcNow.ToUnixTimeSeconds()}&lat=95&lon=-1.1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await Eventually.UntilAsync(() => fixture.Database.ScalarAsync("SELECT count(*) FROM rejected_messages WHERE device_id = 'osm-phone-4'"), n => n == 1, "the dead letter");
        Assert.Equal(0, await fixture.Database.ScalarAsync($"SELECT count(*) FROM rejected_messages WHERE device_id = 'osm-phone-4' AND position('{secret}' in convert_from(payload, 'UTF8')) > 0"));
    }

    [Fact]
    public async Task In_demo_mode_a_request_without_a_token_is_accepted_but_a_wrong_token_is_not()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, demoMode: true);
        (await server.StartAsync()).Dispose();
        using var http = server.CreateAnonymousClient();
        var time = DateTimeOffset.UtcNow.AddMinutes(-1);

        var none = await http.GetAsync($"/osmand?{Report("osm-demo", time)}");
        var wrong = await http.GetAsync($"/osmand?{Report("osm-demo", time.AddSeconds(1))}&token=made-up-token-value");

        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }
}
