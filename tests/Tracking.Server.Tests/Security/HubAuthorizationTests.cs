using System.Net;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Server.Tests.LiveMap;

namespace Tracking.Server.Tests.Security;

/// <summary>The live map hub refuses an unauthorised client, over WebSockets and over negotiate and long polling alike.</summary>
public sealed class HubAuthorizationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_anonymous_client_is_refused_401(bool longPolling)
    {
        var refused = await RefusalAsync(() => MapClient.ConnectAsync(fixture.Server.Server, null, longPolling: longPolling));

        Assert.Equal(HttpStatusCode.Unauthorized, refused);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_without_a_live_operations_role_is_refused_403(bool longPolling)
    {
        var analyst = await fixture.Server.IssueTokenAsync("hub-analyst", Roles.Analyst, Roles.Administrator);

        var refused = await RefusalAsync(() => MapClient.ConnectAsync(fixture.Server.Server, analyst, longPolling: longPolling));

        Assert.Equal(HttpStatusCode.Forbidden, refused);
    }

    [Fact]
    public async Task A_dispatcher_connects_and_gets_a_snapshot()
    {
        var dispatcher = await fixture.Server.IssueTokenAsync("hub-dispatcher", Roles.Dispatcher);

        await using var map = await MapClient.ConnectAsync(fixture.Server.Server, dispatcher);
        var snapshot = await map.JoinAsync(new Dictionary<string, object?> { ["kind"] = "force" });

        Assert.NotNull(snapshot);
    }

    /// <summary>
    /// The status the hub refused the connection with: negotiate (long polling) fails with an HTTP error, the test
    /// server's WebSocket client with "Incomplete handshake, status code: N".
    /// </summary>
    private static async Task<HttpStatusCode> RefusalAsync(Func<Task<MapClient>> connect)
    {
        try
        {
            await using var connected = await connect();
        }
        catch (HttpRequestException refused) when (refused.StatusCode is { } status)
        {
            return status;
        }
        catch (InvalidOperationException refused) when (refused.Message.StartsWith("Incomplete handshake, status code: ", StringComparison.Ordinal))
        {
            return (HttpStatusCode)int.Parse(refused.Message.AsSpan("Incomplete handshake, status code: ".Length), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Fail("the hub accepted the connection");
        return HttpStatusCode.OK;
    }
}
