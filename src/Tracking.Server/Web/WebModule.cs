using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Tracking.Server.Web;

/// <summary>
/// The pages bundled from <c>web/</c> into <c>wwwroot/</c> by the build: the control room's live map, served at
/// <c>/</c>, and the supervisors' reports page, served at <c>/reports</c>; and the map's roads and stations as GeoJSON
/// for their base layers. The pages ask nothing of any host but this server: a control room network is closed.
/// </summary>
internal static partial class WebModule
{
    /// <summary>Where the bundler puts content-hashed files: a changed file gets a new name, so they may be cached for good.</summary>
    public const string HashedAssetsPath = "/assets";

    /// <summary>The supervisors' reports page (patrol presence, replay, mileage, response times, workload, demand).</summary>
    public const string ReportsPath = "/reports";

    private const string ReportsPageFile = "reports.html";

    public static WebApplicationBuilder AddWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MapLayers>();
        return builder;
    }

    public static WebApplication MapWeb(this WebApplication app)
    {
        if (!app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists)
        {
            LogPageNotBuilt(app.Logger, app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"));
        }

        // Routing has already run: both only answer requests that matched no endpoint.
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SetCaching });
        app.MapMapLayerApi();
        app.MapGet(ReportsPath, ServeReportsPage).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Sends reports.html like index.html (revalidated on every load, so a new build is picked up). It names its bundle
    /// relative to itself, so <c>/reports/</c> is sent to <c>/reports</c>, where that resolves under the web root.
    /// </summary>
    private static IResult ServeReportsPage(HttpContext context, IWebHostEnvironment environment)
    {
        if (context.Request.Path.Value?.EndsWith('/') == true)
        {
            return Results.Redirect(context.Request.PathBase + ReportsPath + context.Request.QueryString);
        }

        if (!environment.WebRootFileProvider.GetFileInfo(ReportsPageFile).Exists)
        {
            return Results.NotFound();
        }

        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return Results.File(ReportsPageFile, "text/html; charset=utf-8");
    }

    private static void SetCaching(StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments(HashedAssetsPath, StringComparison.Ordinal)
            ? "public, max-age=31536000, immutable"
            // index.html names the current bundle: always revalidated, so a new build is picked up on reload.
            : "no-cache";
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning,
        Message = "The live map page is not built ({WebRoot}/index.html is missing): build src/Tracking.Server, which bundles web/ with npm")]
    private static partial void LogPageNotBuilt(ILogger logger, string webRoot);
}
