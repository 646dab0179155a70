using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using Tracking.Server.Command;
using Tracking.Server.Live;
using Tracking.Storage.Command;
using Tracking.Server.Security;

namespace Tracking.Server.LiveMap;

/// <summary>The live map's push: the SignalR hub at <c>/hubs/live</c>, its broadcaster and <c>GET /api/livemap/stats</c>.</summary>
internal static class LiveMapModule
{
    /// <summary>
    /// Key of an optional keyed <see cref="TimeProvider"/> that paces the frames (tests register a manual clock);
    /// without it the server's clock does.
    /// </summary>
    public const string ClockKey = "LiveMap";

    private const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public static WebApplicationBuilder AddLiveMap(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LiveMapOptions>().BindConfiguration(LiveMapOptions.Section)
            .Validate(o => o.Problems().Count == 0, LiveMapOptions.Guidance)
            .ValidateOnStart();
        // SignalR logs a refused view (a HubException) as an error; LiveHubFilter logs what the hub's calls end in instead.
        builder.Logging.AddFilter(DispatcherCategory, LogLevel.Critical);
        services.AddSignalR()
            .AddHubOptions<LiveHub>(hub => hub.AddFilter<LiveHubFilter>())
            .AddJsonProtocol(json =>
            {
                json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
                json.PayloadSerializerOptions.Converters.Add(new PreparedPayloadJsonConverter());
            })
            .AddMessagePackProtocol(messagePack =>
            {
                var formatters = new IMessagePackFormatter[] { new PreparedPayloadFormatter(), new MapViewRequestFormatter() };
                messagePack.SerializerOptions = messagePack.SerializerOptions.WithResolver(
                    CompositeResolver.Create(formatters, [messagePack.SerializerOptions.Resolver]));
            });
        services.AddSingleton(sp => new LiveMapBroadcaster(
            sp.GetRequiredService<ControlRoom>(),
            sp.GetRequiredService<ControlRoomEvents>(),
            sp.GetRequiredService<LiveState>(),
            sp.GetRequiredService<IHubContext<LiveHub>>(),
            sp.GetKeyedService<TimeProvider>(ClockKey) ?? sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<LiveMapOptions>>(),
            sp.GetRequiredService<ILogger<LiveMapBroadcaster>>()));
        services.AddHostedService(sp =>
        {
            // Every durable fix marks its device for the next frame; the journal's commit loop is never held up.
            var broadcaster = sp.GetRequiredService<LiveMapBroadcaster>();
            sp.GetRequiredService<LiveState>().Offered += broadcaster.Offer;
            return broadcaster;
        });
        return builder;
    }

    public static WebApplication MapLiveMap(this WebApplication app)
    {
        app.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization(Policies.LiveOperations);
        app.MapGet("/api/livemap/stats", (LiveMapBroadcaster broadcaster) => broadcaster.Stats()).RequireAuthorization(Policies.Administration);
        return app;
    }
}
