using System.Net;
using Microsoft.Extensions.Options;

namespace Tracking.Server.OsmAnd;

/// <summary>Devices reporting over HTTP in the OsmAnd protocol (Traccar Client, OsmAnd).</summary>
internal static class OsmAndModule
{
    public static WebApplicationBuilder AddOsmAnd(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OsmAndOptions>().BindConfiguration(OsmAndOptions.Section)
            .Validate(o => o.Port is >= 0 and <= 65535, "OsmAnd:Port must be between 0 (off) and 65535.")
            .Validate(o => IPAddress.TryParse(o.BindAddress, out _), "OsmAnd:BindAddress must be an IP address such as 0.0.0.0.")
            .ValidateOnStart();
        builder.Services.AddSingleton<OsmAndEndpoint>();
        builder.Services.AddHostedService<OsmAndListener>();
        return builder;
    }

    public static WebApplication MapOsmAnd(this WebApplication app)
    {
        app.MapMethods("/osmand", ["GET", "POST"], (HttpRequest request, OsmAndEndpoint endpoint, CancellationToken token) => endpoint.HandleAsync(request, token))
            .WithName("OsmAnd")
            .WithSummary("A fix from Traccar Client or OsmAnd: query string, form or JSON body. 200 when stored durably, 400 with the reason when refused.");
        return app;
    }
}
