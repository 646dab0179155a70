using Microsoft.Extensions.Options;
using Tracking.Server.Journal;
using Tracking.Storage.Tracks;
using Tracking.Storage.Maps;
using Tracking.Storage.Patrol;

namespace Tracking.Server.Patrol;

/// <summary>The geospatial engine in the server: the force map, matching, live presence, visits and the presence API.</summary>
internal static class PatrolModule
{
    public static WebApplicationBuilder AddPatrol(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PatrolOptions>().BindConfiguration(PatrolOptions.Section)
            .Validate(o => o.Rules.Problems().Count == 0 && o.MaxGap <= TrackChunks.LongestSegment,
                "Tracking:Patrol: MaxGap must be more than 0 and at most 10 minutes (\"00:10:00\"); Grace and MinDwell must not be negative.")
            .Validate(o => o.ReorderWindow >= TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero && o.MapRefreshInterval > TimeSpan.Zero
                    && o.TrackChunkInterval > TimeSpan.Zero && o.QueueCapacity > 0,
                "Tracking:Patrol: ReorderWindow must be ≥ 0, SweepInterval, MapRefreshInterval and TrackChunkInterval > 0 (e.g. \"00:00:05\") and QueueCapacity > 0.")
            .Validate(o => o.MapDirectory is null || Directory.Exists(o.MapDirectory),
                "Tracking:Patrol:MapDirectory does not exist: set it to a map directory such as maps/leicester, or leave it unset.")
            .ValidateOnStart();
        services.AddSingleton<MapStore>();
        services.AddSingleton<VisitStore>();
        services.AddSingleton<StoredTracks>();
        services.AddSingleton<MapState>();
        services.AddSingleton<DeviceAreas>();
        services.AddSingleton<PresenceQuery>();
        services.AddSingleton<TrackChunkBuilder>();
        services.AddHostedService<TrackChunkCutting>();
        services.AddSingleton<VisitWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<VisitWriter>());
        services.AddSingleton<PatrolStage>();
        services.AddHostedService<MapStartup>();
        services.AddHostedService<MapRefresher>();
        services.AddHostedService(sp =>
        {
            // Every durable fix, and those recovered from the journal after a restart, reach the stage.
            var stage = sp.GetRequiredService<PatrolStage>();
            sp.GetRequiredService<Live.LiveState>().Offered += stage.Offer;
            return stage;
        });
        return builder;
    }
}
