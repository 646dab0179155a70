using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// The session cookie's answers: programs get 401/403, never a redirect; people are sent to <c>/login</c> or shown
/// the "not allowed" page. A password user's session follows their record: within <see cref="RecheckAfter"/> of
/// being disabled (or deleted) it ends, and a change of roles applies.
/// </summary>
internal sealed class SessionCookieEvents(UserStore users, IAntiforgery antiforgery, TimeProvider time) : CookieAuthenticationEvents
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private const string CheckedAtKey = "checked";

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestKinds.IsProgrammatic(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public override async Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        if (!RequestKinds.IsProgrammatic(context.Request))
        {
            var tokens = antiforgery.GetAndStoreTokens(context.HttpContext);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(SecurityPages.NotAllowed(context.HttpContext.User, tokens.RequestToken ?? ""), context.HttpContext.RequestAborted);
        }
    }

    public override Task RedirectToLogout(RedirectContext<CookieAuthenticationOptions> context) => Task.CompletedTask;

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (TrackingPrincipal.MethodOf(context.Principal!) != TrackingPrincipal.PasswordMethod)
        {
            // An OpenID Connect user's roles come from their provider at each sign-in.
            return;
        }

        var now = time.GetUtcNow();
        if (context.Properties.Items.TryGetValue(CheckedAtKey, out var checkedAt) && DateTimeOffset.TryParse(checkedAt, out var at) && now - at < RecheckAfter)
        {
            return;
        }

        var user = await users.FindAsync(context.Principal!.Identity!.Name!, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(TrackingSchemes.Cookie);
            return;
        }

        context.Properties.Items[CheckedAtKey] = now.ToString("O");
        context.ReplacePrincipal(TrackingPrincipal.Create(user, TrackingPrincipal.PasswordMethod, TrackingSchemes.Cookie));
        context.ShouldRenew = true;
    }
}
