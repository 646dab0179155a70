using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Tracking.Server.Security;
using Tracking.Server.Tests.Infrastructure;
using Tracking.Testing;

namespace Tracking.Server.Tests.Security;

public sealed class UserCommandTests
{
    [Fact]
    public async Task On_a_fresh_install_the_command_adds_the_first_administrator_who_signs_in_and_issues_a_token_that_works()
    {
        await using var database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Tracking"] = database.ConnectionString }).Build();

        var (added, addOutput, _) = await RunAsync(configuration, "first admin passphrase\n", "add", "chief", "--role", "administrator", "--display-name", "Chief Admin");
        var (again, _, againError) = await RunAsync(configuration, "first admin passphrase\n", "add", "chief", "--role", "administrator");
        var (issued, token, _) = await RunAsync(configuration, "", "token", "chief", "--name", "nightly export", "--days", "30");

        Assert.Equal(0, added);
        Assert.Contains("Added chief", addOutput, StringComparison.Ordinal);
        Assert.Equal(1, again);
        Assert.Contains("exists", againError, StringComparison.Ordinal);
        Assert.Equal(0, issued);
        await using var server = new TrackingServer(database.ConnectionString);
        using var http = await server.StartAsync();
        using var browser = server.CreateBrowserClient();
        var session = await SignInForm.SignInAsync(browser, "chief", "first admin passphrase");
        Assert.Equal([Roles.Administrator], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        using var script = server.CreateAnonymousClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/users")).StatusCode);
        var audit = await http.GetFromJsonAsync<JsonElement>("/api/audit?user=" + UserCommand.CommandLineUser);
        Assert.Equal([AuditActions.TokenIssue, AuditActions.UserCreate], audit.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("action").GetString()));
    }

    [Theory]
    [InlineData("short\n", "add", "weak", "--role", "analyst")]
    [InlineData("a long enough passphrase\n", "add", "norole")]
    [InlineData("a long enough passphrase\n", "add", "badrole", "--role", "root")]
    [InlineData("", "token", "nobody", "--days", "3")]
    [InlineData("", "remove", "someone")]
    public async Task A_wrong_invocation_is_refused_with_exit_code_2_and_changes_nothing(string input, params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Tracking"] = database.ConnectionString }).Build();

        var (exit, _, error) = await RunAsync(configuration, input, args);

        Assert.Equal(2, exit);
        Assert.NotEmpty(error);
        Assert.Equal(0, await database.ScalarAsync("SELECT count(*) FROM users"));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(IConfiguration configuration, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await UserCommand.RunAsync(args, configuration, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
