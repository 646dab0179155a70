using System.Net;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

public sealed class SignInRateLimitTests
{
    [Fact]
    public async Task Password_guessing_from_one_address_is_answered_429_past_the_limit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var server = new TrackingServer(database.ConnectionString, settings: new Dictionary<string, string?> { ["Tracking:Security:SignInAttemptsPerMinute"] = "3" });
        using var http = await server.StartAsync();
        using var browser = server.CreateBrowserClient();

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            statuses.Add((await SignInForm.PostAsync(browser, "guessed", "guess number " + attempt)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }
}
