using Microsoft.AspNetCore.Antiforgery;

namespace Tracking.Server.Security;

/// <summary>
/// A browser's session cookie goes with every request to this server, including one another site makes it send; so
/// an unsafe API request authenticated by the cookie must also carry the antiforgery request token (from
/// <c>GET /api/session</c>) in <see cref="SecurityModule.AntiforgeryHeader"/>. A bearer token is never sent by a
/// browser on its own, so token requests need none; neither does demo mode's anonymous user.
/// </summary>
internal sealed class ApiAntiforgery(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestKinds.IsSafeMethod(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || context.User.Identity?.IsAuthenticated != true
            || TrackingPrincipal.MethodOf(context.User) is TrackingPrincipal.TokenMethod or TrackingPrincipal.DemoMethod)
        {
            await next(context);
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new
            {
                errors = new[] { $"the antiforgery token is missing or stale: send the token from GET /api/session in the {SecurityModule.AntiforgeryHeader} header" },
            }, context.RequestAborted);
            return;
        }

        await next(context);
    }
}
