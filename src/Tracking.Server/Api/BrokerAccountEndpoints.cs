using System.Text.RegularExpressions;
using Tracking.Server.Devices;
using Tracking.Server.Security;

namespace Tracking.Server.Api;

/// <summary>
/// MQTT service accounts that are not devices: a TETRA gateway (<c>gateway</c>: publishes device topics for any
/// registered device, e.g. <c>tracking/{issi}/lip</c>) and command and control (<c>cad</c>: publishes
/// <c>cad/incidents</c>). Usernames start with '@', which no device id contains. Secrets are generated, shown once
/// and stored as hashes.
/// </summary>
internal static partial class BrokerAccountEndpoints
{
    public static WebApplication MapBrokerAccountApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/broker-accounts")
            .RequireAuthorization(Policies.Administration);

        api.MapGet("", async (CredentialDirectory credentials, CancellationToken cancellationToken) =>
                (await credentials.ListAccountsAsync(cancellationToken)).Select(a => new BrokerAccountView(a.Username, a.Role, a.CreatedAt, a.UpdatedAt)))
            .WithName("ListBrokerAccounts")
            .WithSummary("The service accounts (username, role, created, updated); never their secrets.");

        api.MapPost("", CreateAsync)
            .WithName("CreateBrokerAccount")
            .WithSummary("Creates a service account {\"username\": \"@…\", \"role\": \"gateway\" | \"cad\"} with a random secret, returned once. 409 if the username is taken.")
            .Produces<BrokerAccountSecret>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status409Conflict);

        api.MapPost("/{username}/secret", RotateAsync)
            .WithName("RotateBrokerAccountSecret")
            .WithSummary("Gives a service account a new random secret, returned once; the old one stops working and its connections are closed.")
            .Produces<BrokerAccountSecret>()
            .Produces(StatusCodes.Status404NotFound);

        api.MapDelete("/{username}", async (string username, CredentialDirectory credentials, CancellationToken cancellationToken) =>
                await credentials.DeleteAccountAsync(username, cancellationToken) ? Results.NoContent() : Results.NotFound())
            .WithName("DeleteBrokerAccount")
            .WithSummary("Removes a service account; its connections are closed.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> CreateAsync(BrokerAccountRequest? request, CredentialDirectory credentials, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Username is not { } username || !UsernamePattern().IsMatch(username))
        {
            errors["username"] = ["A service account's username is '@' then 1-64 characters of A-Z a-z 0-9 _ . -"];
        }

        if (request?.Role is not { } role || !BrokerAccountRole.IsKnown(role))
        {
            errors["role"] = [$"The role is '{BrokerAccountRole.Gateway}' or '{BrokerAccountRole.Cad}'."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var secret = await credentials.CreateAccountAsync(request!.Username!, request.Role!, cancellationToken);
        return secret is null
            ? Results.Conflict(new { error = $"{request.Username} exists; rotate its secret or remove it first." })
            : Results.Created($"/api/broker-accounts/{request.Username}", new BrokerAccountSecret(request.Username!, request.Role!, secret));
    }

    private static async Task<IResult> RotateAsync(string username, CredentialDirectory credentials, CancellationToken cancellationToken)
    {
        var account = (await credentials.ListAccountsAsync(cancellationToken)).FirstOrDefault(a => a.Username == username);
        var secret = account is null ? null : await credentials.RotateAccountAsync(username, cancellationToken);
        return secret is null ? Results.NotFound() : Results.Ok(new BrokerAccountSecret(username, account!.Role, secret));
    }

    [GeneratedRegex("^@[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex UsernamePattern();
}
