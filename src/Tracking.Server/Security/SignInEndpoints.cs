using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// <c>GET /login</c> (the form), <c>POST /login</c> (rate-limited per client address), <c>POST /logout</c>,
/// <c>GET /login/oidc</c> (off to the OpenID Connect provider) and <c>GET /login/continue</c> (back from it). Open to
/// anonymous callers: they are how one stops being anonymous.
/// </summary>
internal static class SignInEndpoints
{
    public const string LoginPath = "/login";
    public const string SignInRateLimit = "sign-in";

    private const string WrongCredentials = "Wrong user name or password, or the account is disabled.";

    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(LoginPath, (string? returnUrl, HttpContext context, IAntiforgery antiforgery, IOptions<SecurityOptions> options, Ingestion.DeviceRegistry registry) =>
                SignInForm(context, antiforgery, RequestKinds.LocalReturnUrl(returnUrl), null, options.Value, registry.DemoMode, StatusCodes.Status200OK))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapPost(LoginPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimit).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/logout", SignOutAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        app.MapGet(LoginPath + "/oidc", (string? returnUrl, IOptions<SecurityOptions> options) => options.Value.Oidc.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = "/login/continue?returnUrl=" + Uri.EscapeDataString(RequestKinds.LocalReturnUrl(returnUrl)) }, [TrackingSchemes.Oidc])
                : Results.NotFound())
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(LoginPath + "/continue", (string? returnUrl) => Results.Content(SecurityPages.Continue(RequestKinds.LocalReturnUrl(returnUrl)), "text/html; charset=utf-8"))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Refused(string reason) => Command.CommandError.BadRequest(reason);

    private static IResult SignInForm(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? error, SecurityOptions options, bool demo, int status)
    {
        if (!context.Request.IsHttps && SecurityModule.SecureCookiesOnly(context.RequestServices.GetRequiredService<IHostEnvironment>()))
        {
            // The session cookie is Secure: a browser would never send it back over plain http.
            return Results.Content(SecurityPages.HttpsNeeded(), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(SecurityPages.SignIn(returnUrl, tokens.RequestToken ?? "", error, options.Oidc, demo), "text/html; charset=utf-8", statusCode: status);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, UserStore users, UserPasswords passwords, AuditRecorder audit,
        IOptions<SecurityOptions> options, Ingestion.DeviceRegistry registry)
    {
        if (!context.Request.IsHttps && SecurityModule.SecureCookiesOnly(context.RequestServices.GetRequiredService<IHostEnvironment>()))
        {
            return Results.Content(SecurityPages.HttpsNeeded(), "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!context.Request.HasFormContentType)
        {
            return Refused("a form post (application/x-www-form-urlencoded) with userName, password and the antiforgery token");
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Refused("the form's antiforgery token is missing or stale: reload the sign-in page");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["userName"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = RequestKinds.LocalReturnUrl(form["returnUrl"]);
        var found = UserNames.IsValid(name) ? await users.FindWithPasswordAsync(name, context.RequestAborted) : null;
        // Verified even for an unknown name (against a decoy hash), so the answer's timing does not tell which names exist.
        var matches = passwords.Verify(name, found?.PasswordHash, password, out var rehash);
        if (found is not { } record || !matches || record.User.Disabled)
        {
            await audit.TryRecordAsync(context, AuditActions.SignInFailed, name.Length is > 0 and <= 100 ? name : null, null, userName: "anonymous");
            return SignInForm(context, antiforgery, returnUrl, WrongCredentials, options.Value, registry.DemoMode, StatusCodes.Status401Unauthorized);
        }

        if (rehash)
        {
            await users.SetPasswordHashAsync(name, passwords.Hash(name, password), context.RequestAborted);
        }

        var principal = TrackingPrincipal.Create(record.User, TrackingPrincipal.PasswordMethod, TrackingSchemes.Cookie);
        await context.SignInAsync(TrackingSchemes.Cookie, principal);
        await audit.TryRecordAsync(context, AuditActions.SignIn, name, null, userName: name);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, AuditRecorder audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Refused("the antiforgery token is missing or stale: reload the page");
        }

        if (context.User.Identity?.IsAuthenticated == true && TrackingPrincipal.MethodOf(context.User) is TrackingPrincipal.PasswordMethod or TrackingPrincipal.OidcMethod)
        {
            await audit.TryRecordAsync(context, AuditActions.SignOut, context.User.Identity.Name, null);
        }

        await context.SignOutAsync(TrackingSchemes.Cookie);
        return Results.Redirect(LoginPath);
    }
}
