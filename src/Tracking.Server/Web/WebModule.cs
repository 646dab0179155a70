using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;
using Tracking.Server.Security;

namespace Tracking.Server.Web;

/// <summary>
/// The pages bundled from <c>web/</c> into <c>wwwroot/</c> by the build: the control room's live map, served at
/// <c>/</c>, and the supervisors' reports page, served at <c>/reports</c>; and the map's roads, stations and water as GeoJSON
/// for their base layers. The pages ask nothing of any host but this server: a control room network is closed.
/// Each page requires its policy (an anonymous visitor is sent to sign in); only the bundles under
/// <see cref="HashedAssetsPath"/> are open, and they hold code, no data.
/// </summary>
internal static partial class WebModule
{
    /// <summary>Where the bundler puts content-hashed files: a changed file gets a new name, so they may be cached for good.</summary>
    public const string HashedAssetsPath = "/assets";

    /// <summary>The supervisors' reports page (patrol presence, replay, mileage, response times, workload, demand).</summary>
    public const string ReportsPath = "/reports";

    private const string ReportsPageFile = "reports.html";

    private const string LiveMapPageFile = "index.html";

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

        // Routing has already run: this only answers requests that matched no endpoint.
        var assets = Path.Combine(app.Environment.WebRootPath ?? Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "assets");
        if (Directory.Exists(assets))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                RequestPath = HashedAssetsPath,
                FileProvider = new PhysicalFileProvider(assets),
                OnPrepareResponse = SetCaching,
            });
        }

        app.MapMapLayerApi();
        app.MapGet("/", (HttpContext context, IWebHostEnvironment environment) => ServePage(context, environment, LiveMapPageFile, "/"))
            .ExcludeFromDescription().RequireAuthorization(Policies.LiveOperations);
        app.MapGet(ReportsPath, (HttpContext context, IWebHostEnvironment environment) => ServePage(context, environment, ReportsPageFile, ReportsPath))
            .ExcludeFromDescription().RequireAuthorization(Policies.Reports);
        return app;
    }

    /// <summary>
    /// Sends a page's HTML, revalidated on every load so a new build is picked up (it names the current bundle). The
    /// pages name their bundles relative to themselves, so <c>/reports/</c> is sent to <c>/reports</c>, where that
    /// resolves under the web root.
    /// </summary>
    private static IResult ServePage(HttpContext context, IWebHostEnvironment environment, string file, string path)
    {
        if (path != "/" && context.Request.Path.Value?.EndsWith('/') == true)
        {
            return Results.Redirect(context.Request.PathBase + path + context.Request.QueryString);
        }

        if (!environment.WebRootFileProvider.GetFileInfo(file).Exists)
        {
            return Results.NotFound();
        }

        context.Response.Headers[HeaderNames.CacheControl] = "no-cache";
        return Results.File(file, "text/html; charset=utf-8");
    }

    /// <summary>Bundles are content-hashed: a changed file gets a new name, so each may be cached for good.</summary>
    private static void SetCaching(StaticFileResponseContext context) =>
        context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning,
        Message = "The live map page is not built ({WebRoot}/index.html is missing): build src/Tracking.Server, which bundles web/ with npm")]
    private static partial void LogPageNotBuilt(ILogger logger, string webRoot);
}
