using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// Machine clients: <c>Authorization: Bearer {token}</c>, or for the SignalR hub <c>?access_token=</c> (browsers
/// cannot set headers on a WebSocket, so SignalR clients put it there). The token is looked up by its hash; an
/// unknown, expired or revoked token, or one whose owner is disabled, fails with 401.
/// </summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiTokenStore tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>The bearer token the request presents, or null.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return header[BearerPrefix.Length..].Trim();
        }

        return request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal) && request.Query["access_token"].FirstOrDefault() is { Length: > 0 } query
            ? query
            : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = TokenOf(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var found = await tokens.AuthenticateAsync(token, Context.RequestAborted);
        if (found is not { } holder)
        {
            return AuthenticateResult.Fail("The token is unknown, expired or revoked, or its owner is disabled.");
        }

        var principal = TrackingPrincipal.Create(holder.User, TrackingPrincipal.TokenMethod, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return Task.CompletedTask;
    }
}
