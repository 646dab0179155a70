using Microsoft.Extensions.Options;
using Tracking.Core.Validation;
using Tracking.Server.Command;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// <c>/api/users</c> (Administration): list, create, change display name, roles or disabled, reset a password, issue
/// and revoke API tokens (a token is shown once, in the answer that issues it). Every change is audited.
/// </summary>
internal static class UserEndpoints
{
    public static void MapUserApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users");
        api.MapGet("", async (UserStore users, CancellationToken token) => Results.Ok(await users.ListAsync(token)))
            .WithName("ListUsers").WithSummary("Every password user with roles and whether disabled (never the password hash).")
            .RequireAuthorization(Policies.Administration);
        api.MapPost("", CreateAsync)
            .WithName("CreateUser").WithSummary("Adds a user with roles and, optionally, a password (at least 12 characters).")
            .RequireAuthorization(Policies.Administration);
        api.MapPatch("/{name}", ChangeAsync)
            .WithName("ChangeUser").WithSummary("Changes a user's display name, roles or disabled flag (a disabled user's sessions and tokens stop working).")
            .RequireAuthorization(Policies.Administration);
        api.MapPost("/{name}/password", ResetPasswordAsync)
            .WithName("ResetPassword").WithSummary("Sets a user's password.")
            .RequireAuthorization(Policies.Administration);
        api.MapGet("/{name}/tokens", async (string name, ApiTokenStore tokens, CancellationToken token) => Results.Ok(await tokens.ListAsync(name, token)))
            .WithName("ListTokens").WithSummary("A user's API tokens: name, created, expires, last used, revoked (never the token).")
            .RequireAuthorization(Policies.Administration);
        api.MapPost("/{name}/tokens", IssueTokenAsync)
            .WithName("IssueToken").WithSummary("Issues an API token for a machine client acting as this user; the answer holds the token, shown only this once.")
            .RequireAuthorization(Policies.Administration);
        api.MapDelete("/{name}/tokens/{id:guid}", RevokeTokenAsync)
            .WithName("RevokeToken").WithSummary("Revokes an API token at once.")
            .RequireAuthorization(Policies.Administration);
    }

    /// <summary>Null when every role is one of ours, otherwise the refusal.</summary>
    public static string? RolesProblem(IReadOnlyList<string>? roles) =>
        roles is not null && roles.All(Roles.IsKnown) ? null : "roles: a list of " + string.Join(", ", Roles.All);

    private static async Task<IResult> CreateAsync(NewUserRequest request, HttpContext context, UserStore users, UserPasswords passwords, AuditRecorder audit)
    {
        var errors = new List<string>();
        if (!UserNames.IsValid(request.Name))
        {
            errors.Add("name: " + UserNames.Rule);
        }

        if (request.DisplayName is { } given && TextRules.Problem(given, TextRules.MaxNameLength) is { } displayNameProblem)
        {
            errors.Add("displayName: " + displayNameProblem);
        }

        if (RolesProblem(request.Roles) is { } roleProblem)
        {
            errors.Add(roleProblem);
        }

        if (request.Password is not null && UserPasswords.Problem(request.Password) is { } passwordProblem)
        {
            errors.Add(passwordProblem);
        }

        if (errors.Count > 0)
        {
            return Results.BadRequest(new { errors });
        }

        var name = request.Name!;
        var hash = request.Password is null ? null : passwords.Hash(name, request.Password);
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? name : request.DisplayName.Trim();
        if (!await users.CreateAsync(name, displayName, hash, request.Roles!.Distinct(StringComparer.Ordinal).ToList(), context.RequestAborted))
        {
            return Results.Conflict(new { error = $"a user named {name} exists" });
        }

        await audit.TryRecordAsync(context, AuditActions.UserCreate, name, null);
        return Results.Created($"/api/users/{name}", await users.FindAsync(name, context.RequestAborted));
    }

    private static async Task<IResult> ChangeAsync(string name, UserChangeRequest request, HttpContext context, UserStore users, AuditRecorder audit)
    {
        if (request.Roles is not null && RolesProblem(request.Roles) is { } problem)
        {
            return CommandError.BadRequest(problem);
        }

        if (request.DisplayName is { } displayName && (string.IsNullOrWhiteSpace(displayName) || !TextRules.IsAcceptable(displayName, TextRules.MaxNameLength)))
        {
            return CommandError.BadRequest($"displayName: 1-{TextRules.MaxNameLength} characters of valid Unicode without control characters");
        }

        var changed = await users.ChangeAsync(name, request.DisplayName?.Trim(), request.Roles?.Distinct(StringComparer.Ordinal).ToList(), request.Disabled, context.RequestAborted);
        if (changed is null)
        {
            return Results.NotFound(new { error = $"no user named {name}" });
        }

        await audit.TryRecordAsync(context, AuditActions.UserChange, name, null);
        return Results.Ok(changed);
    }

    private static async Task<IResult> ResetPasswordAsync(
        string name, PasswordResetRequest request, HttpContext context, UserStore users, UserPasswords passwords, AuditRecorder audit)
    {
        if (UserPasswords.Problem(request.Password) is { } problem)
        {
            return CommandError.BadRequest(problem);
        }

        if (!await users.SetPasswordHashAsync(name, passwords.Hash(name, request.Password!), context.RequestAborted))
        {
            return Results.NotFound(new { error = $"no user named {name}" });
        }

        await audit.TryRecordAsync(context, AuditActions.UserPassword, name, null);
        return Results.NoContent();
    }

    private static async Task<IResult> IssueTokenAsync(
        string name, TokenRequest request, HttpContext context, ApiTokenStore tokens, AuditRecorder audit, TimeProvider time, IOptions<SecurityOptions> options)
    {
        var now = time.GetUtcNow();
        var expires = request.ExpiresAt ?? now + options.Value.TokenLifetime;
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || expires <= now)
        {
            return CommandError.BadRequest("name: what the token is for (1-200 characters); expiresAt: a time in the future");
        }

        var issued = await tokens.IssueAsync(name, request.Name.Trim(), expires, context.RequestAborted);
        if (issued is null)
        {
            return Results.NotFound(new { error = $"no user named {name}" });
        }

        await audit.TryRecordAsync(context, AuditActions.TokenIssue, name, null);
        return Results.Created($"/api/users/{name}/tokens/{issued.Id}", issued);
    }

    private static async Task<IResult> RevokeTokenAsync(string name, Guid id, HttpContext context, ApiTokenStore tokens, AuditRecorder audit)
    {
        if (!await tokens.RevokeAsync(name, id, context.RequestAborted))
        {
            return Results.NotFound(new { error = $"{name} has no unrevoked token {id}" });
        }

        await audit.TryRecordAsync(context, AuditActions.TokenRevoke, name, null);
        return Results.NoContent();
    }
}
