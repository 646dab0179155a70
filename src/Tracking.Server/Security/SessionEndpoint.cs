using Microsoft.AspNetCore.Antiforgery;
using Tracking.Server.Ingestion;

namespace Tracking.Server.Security;

/// <summary>
/// <c>GET /api/session</c>: who is signed in, their roles, whether demo mode is on, and the antiforgery request token
/// the pages send in <see cref="SecurityModule.AntiforgeryHeader"/> with every POST, PUT, PATCH and DELETE.
/// </summary>
internal static class SessionEndpoint
{
    public static void MapSession(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/session", (HttpContext context, IAntiforgery antiforgery, DeviceRegistry registry, IHostEnvironment environment) =>
            {
                // Antiforgery's cookie is Secure outside development: over plain http (a token client) there is none to give.
                var tokens = context.Request.IsHttps || !SecurityModule.SecureCookiesOnly(environment) ? antiforgery.GetAndStoreTokens(context) : null;
                var user = context.User;
                return Results.Ok(new
                {
                    user = TrackingPrincipal.NameOf(user),
                    displayName = user.FindFirst(TrackingPrincipal.DisplayNameClaim)?.Value,
                    roles = TrackingPrincipal.RolesOf(user),
                    method = TrackingPrincipal.MethodOf(user),
                    demoMode = registry.DemoMode,
                    antiforgeryHeader = SecurityModule.AntiforgeryHeader,
                    antiforgeryToken = tokens?.RequestToken,
                });
            })
            .WithName("GetSession")
            .WithSummary("Who is signed in, their roles, whether demo mode is on, and the antiforgery token for the pages' unsafe requests.")
            .RequireAuthorization(Policies.AnyRole);
}
