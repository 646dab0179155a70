using Microsoft.Net.Http.Headers;

namespace Tracking.Server.Security;

/// <summary>
/// Headers on every response. The Content-Security-Policy allows nothing but this server: no inline script or style
/// (the pages are bundles; Leaflet and chart.js set styles through the DOM, which CSP allows), images also as data:
/// URLs (Leaflet's), WebSockets to the same origin (SignalR), no framing. API answers are never cached. HSTS outside
/// development, on HTTPS requests.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next, IWebHostEnvironment environment)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    private readonly bool _hsts = !environment.IsDevelopment();

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XContentTypeOptions] = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers[HeaderNames.XFrameOptions] = "DENY";
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            if (_hsts && context.Request.IsHttps)
            {
                headers[HeaderNames.StrictTransportSecurity] = "max-age=31536000; includeSubDomains";
            }

            if (RequestKinds.IsProgrammatic(context.Request))
            {
                headers[HeaderNames.CacheControl] = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }
}
