using System.Text.Json;
using System.Text.Json.Serialization;
using Tracking.Storage.Command;
using Tracking.Server.Security;

namespace Tracking.Server.Command;

/// <summary>Command and control: reference data, rota, unit status, incidents, recommendations, assignments, arrivals and alarms.</summary>
internal static class CommandModule
{
    public static WebApplicationBuilder AddCommand(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section)
            .Validate(o => o.Problems().Count == 0, "Tracking:Command: ArrivalRadius and DetachDistance must be positive metres, SelfDeployDwell ≥ 0, targets, StaleAfter, TickInterval and RotaRefreshInterval positive (e.g. \"00:15:00\"), BackUpCount 1-50.")
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddSingleton<ReferenceStore>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<UnitStatusStore>();
        services.AddSingleton<AlarmStore>();
        services.AddSingleton<DeviceOutbox>();
        services.AddSingleton<IncidentPlaces>();
        services.AddSingleton<ControlRoomEvents>();
        services.AddSingleton<CommandWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandWriter>());
        services.AddSingleton<ControlMessages>();
        services.AddSingleton<ControlRoom>();
        services.AddHostedService(sp =>
        {
            // Every durable fix reaches the control room, as it reaches the patrol stage.
            var room = sp.GetRequiredService<ControlRoom>();
            sp.GetRequiredService<Live.LiveState>().Offered += room.Offer;
            return room;
        });
        return builder;
    }

    public static WebApplication MapCommandApi(this WebApplication app)
    {
        app.MapReferenceApi();
        app.MapIncidentApi();
        app.MapUnitStatusApi();
        app.MapAlarmApi();
        app.MapGet("/api/command/stats", (ControlMessages messages, ControlRoom room, CommandWriter writer, DeviceOutbox outbox, ControlRoomEvents events) => new
        {
            incidentsAccepted = messages.IncidentsAccepted,
            statusesAccepted = messages.StatusesAccepted,
            rejected = messages.Rejected,
            droppedFixes = room.DroppedFixes,
            writesStored = writer.Written,
            writesWaiting = writer.Waiting,
            writesDropped = writer.Dropped,
            dispatchesSent = outbox.Sent,
            dispatchesFailed = outbox.Failed,
            liveMapEventsDropped = events.Dropped,
        }).RequireAuthorization(Policies.Administration);
        return app;
    }
}
