using Microsoft.Extensions.Options;
using Tracking.Core.Fixes;
using Tracking.Server.Devices;
using Tracking.Server.Security;

namespace Tracking.Server.Api;

/// <summary>
/// A device's secret: the MQTT password of username = device id, and the OsmAnd token. Issued (random, shown once),
/// set (for provisioning tools that already put one on the device) or revoked. Only its hash is stored; no endpoint
/// returns a stored secret and none is logged.
/// </summary>
internal static class DeviceSecretEndpoints
{
    public static WebApplication MapDeviceSecretApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/devices/{id}/secret")
            .RequireAuthorization(Policies.Administration);

        api.MapPost("", IssueAsync)
            .WithName("IssueDeviceSecret")
            .WithSummary("Gives a registered device a new random secret and returns it, once: it is not stored, only its hash. The old one stops working.")
            .Produces<DeviceSecretIssued>()
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound);

        api.MapPut("", SetAsync)
            .WithName("SetDeviceSecret")
            .WithSummary("Sets a registered device's secret to the one given (at least 16 characters), for devices provisioned with one already.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status404NotFound);

        api.MapDelete("", RevokeAsync)
            .WithName("RevokeDeviceSecret")
            .WithSummary("Revokes a device's secret: it cannot connect (outside demo mode) until it has a new one; its open connections are closed.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<IResult> IssueAsync(string id, CredentialDirectory credentials, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(id))
        {
            return InvalidId();
        }

        var secret = SecretHash.NewSecret();
        return await credentials.SetDeviceSecretAsync(id, secret, cancellationToken)
            ? Results.Ok(new DeviceSecretIssued(id, secret))
            : Results.NotFound();
    }

    private static async Task<IResult> SetAsync(string id, DeviceSecretRequest? request, CredentialDirectory credentials, IOptions<DeviceSecurityOptions> options, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(id))
        {
            return InvalidId();
        }

        var minimum = options.Value.MinimumSecretLength;
        if (request?.Secret is not { } secret || secret.Length < minimum || secret.Length > 256 || secret.Any(char.IsControl) || secret.Trim() != secret)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["secret"] = [$"A secret is {minimum} to 256 characters without control characters or surrounding spaces."],
            });
        }

        return await credentials.SetDeviceSecretAsync(id, secret, cancellationToken) ? Results.NoContent() : Results.NotFound();
    }

    private static async Task<IResult> RevokeAsync(string id, CredentialDirectory credentials, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(id))
        {
            return InvalidId();
        }

        return await credentials.RevokeDeviceSecretAsync(id, cancellationToken) ? Results.NoContent() : Results.NotFound();
    }

    private static IResult InvalidId() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A device id is 1-64 characters of A-Z a-z 0-9 _ . -"] });
}
