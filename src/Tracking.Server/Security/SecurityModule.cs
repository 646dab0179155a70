using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Tracking.Server.Ingestion;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>
/// Users, roles and audit: session cookies from the sign-in form or an OpenID Connect provider, bearer API tokens,
/// demo mode's anonymous demo user, one authorization policy per <see cref="Policies"/> entry, antiforgery for the
/// pages' unsafe requests, security headers, the users and audit APIs.
/// </summary>
internal static class SecurityModule
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditRecorder>();
        services.AddSingleton<UserPasswords>();
        services.AddSingleton<SessionCookieEvents>();

        var settings = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var demoMode = builder.Configuration.GetValue<bool>($"{TrackingOptions.Section}:{nameof(TrackingOptions.DemoMode)}");
        var secureOnly = SecureCookiesOnly(builder.Environment);
        var cookieName = TrackingSchemes.CookieName(secureOnly);
        var cookieSecurity = secureOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        var authentication = services.AddAuthentication(TrackingSchemes.Default)
            .AddPolicyScheme(TrackingSchemes.Default, "Session cookie, bearer token or (demo mode) the demo user", options =>
                options.ForwardDefaultSelector = context =>
                    ApiTokenAuthenticationHandler.TokenOf(context.Request) is not null ? TrackingSchemes.Token
                    : demoMode && !context.Request.Cookies.ContainsKey(cookieName) ? TrackingSchemes.Demo
                    : TrackingSchemes.Cookie)
            .AddCookie(TrackingSchemes.Cookie, options =>
            {
                options.Cookie.Name = cookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = cookieSecurity;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = settings.SessionIdleTimeout;
                options.SlidingExpiration = true;
                options.LoginPath = SignInEndpoints.LoginPath;
                options.ReturnUrlParameter = "returnUrl";
                options.EventsType = typeof(SessionCookieEvents);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(TrackingSchemes.Token, null)
            .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(TrackingSchemes.Demo, null);
        if (settings.Oidc.Enabled)
        {
            var oidc = settings.Oidc;
            authentication.AddOpenIdConnect(TrackingSchemes.Oidc, oidc.DisplayName, options =>
            {
                options.SignInScheme = TrackingSchemes.Cookie;
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(oidc.ClientSecret) ? null : oidc.ClientSecret;
                options.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
                options.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query: it is single-use and bound to this browser by PKCE, and no form post
                // page (with its script) is needed from the provider.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.SaveTokens = false;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.CorrelationCookie.SecurePolicy = cookieSecurity;
                options.NonceCookie.SecurePolicy = cookieSecurity;
                options.Events.OnTokenValidated = context => OidcRoleMapping.OnTokenValidatedAsync(context, oidc);
                options.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect(SignInEndpoints.LoginPath);
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }

        var authorization = services.AddAuthorizationBuilder();
        foreach (var (policy, roles) in Policies.RolesOf)
        {
            authorization.AddPolicy(policy, p => p.RequireRole(roles));
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With no proxy named, the headers are not read at all: the middleware believes any sender when both lists
            // are empty, and by default it believes loopback.
            options.ForwardedHeaders = settings.TrustedProxies.Count > 0
                ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                : ForwardedHeaders.None;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(proxy, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        });
        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = TrackingSchemes.AntiforgeryCookieName(secureOnly);
            options.Cookie.SecurePolicy = cookieSecurity;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
        return builder;
    }

    /// <summary>Secure cookies only, except in development, where the server runs on plain http on loopback.</summary>
    public static bool SecureCookiesOnly(IHostEnvironment environment) => !environment.IsDevelopment();

    /// <summary>The security middleware, in order: headers on every answer, who is calling, rate limits, may they, antiforgery.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        // First, so that everything after it (rate limits, audit, cookies) sees the client, not the proxy.
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<ApiAntiforgery>();
        return app;
    }

    public static WebApplication MapSecurity(this WebApplication app)
    {
        app.MapSignIn();
        app.MapSession();
        app.MapUserApi();
        app.MapAuditApi();
        return app;
    }
}
