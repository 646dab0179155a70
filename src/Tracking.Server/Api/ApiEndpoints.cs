using System.Text.Json;
using Tracking.Core.Fixes;
using Tracking.Core.Validation;
using Tracking.Server.Devices;
using Tracking.Server.Ingestion;
using Tracking.Server.Journal;
using Tracking.Server.Live;
using Tracking.Server.Patrol;
using Tracking.Storage.Devices;
using Tracking.Storage.Fixes;
using Tracking.Server.Security;

namespace Tracking.Server.Api;

/// <summary>The REST API of the ingestion core: tracks, live positions, ingestion statistics and device registration.</summary>
internal static class ApiEndpoints
{
    /// <summary>Most fixes one track request returns; longer tracks are cut and say so (<c>truncated</c>).</summary>
    public const int MaxTrackFixes = 100_000;

    public static WebApplication MapTrackingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");

        api.MapGet("/devices/{id}/track", GetTrackAsync)
            .WithName("GetTrack")
            .WithSummary("A device's track between two times as GeoJSON: a LineString and one Point per fix.")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .ProducesValidationProblem()
            .RequireAuthorization(Policies.TrackViewing)
            .RequireAuditedPurpose(AuditActions.TrackView, context => context.GetRouteValue("id") as string);

        api.MapGet("/live", (LiveState live, DeviceAreas areas) => live.Snapshot().Select(fix => LivePosition.From(fix, areas.Get(fix.DeviceId))))
            .WithName("GetLive")
            .WithSummary("The latest position of every device (never moved back in time by late fixes), with its micro-beat and priority locations.")
            .RequireAuthorization(Policies.LiveOperations);

        api.MapGet("/ingest/stats", GetStats)
            .WithName("GetIngestStats")
            .WithSummary("Messages, accepted, stored, duplicate and rejected fixes since start, rejections by reason and by device.")
            .RequireAuthorization(Policies.Administration);

        api.MapGet("/devices", async (DeviceStore store, CancellationToken cancellationToken) => await store.ListAsync(cancellationToken))
            .WithName("ListDevices")
            .WithSummary("The registered devices.")
            .RequireAuthorization(Policies.Administration);

        api.MapPut("/devices/{id}", RegisterDeviceAsync)
            .WithName("RegisterDevice")
            .WithSummary("Registers a device so its fixes are accepted (outside demo mode unknown devices are refused).")
            .ProducesValidationProblem()
            .RequireAuthorization(Policies.Administration);

        return app;
    }

    private static async Task<IResult> GetTrackAsync(
        string id, DateTimeOffset? from, DateTimeOffset? to, FixQueries queries, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        var errors = new Dictionary<string, string[]>();
        if (!DeviceIds.IsValid(id))
        {
            errors["id"] = ["A device id is 1-64 characters of A-Z a-z 0-9 _ . -"];
        }

        if (start >= end)
        {
            errors["from"] = ["from must be before to."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var fixes = await queries.TrackAsync(id, start, end, MaxTrackFixes + 1, cancellationToken);
        var truncated = fixes.Count > MaxTrackFixes;
        if (truncated)
        {
            fixes.RemoveAt(fixes.Count - 1);
        }

        context.Response.ContentType = "application/geo+json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        GeoJsonTrackWriter.Write(json, id, start.ToUniversalTime(), end.ToUniversalTime(), fixes, truncated);
        await json.FlushAsync(cancellationToken);
        return Results.Empty;
    }

    private static IngestStatsResponse GetStats(IngestStats stats, SecurityStats security, FixJournal journal, LiveState live, DeviceRegistry registry) => new(
        stats.Messages,
        stats.Accepted,
        stats.Stored,
        stats.Duplicates,
        stats.RejectedTotal,
        RejectionReasons.All.ToDictionary(reason => reason.Name(), stats.Rejected),
        stats.RejectedByDevice(100).Select(d => new DeviceRejections(d.DeviceId, d.ByReason)).ToList(),
        stats.DeadLettersDropped,
        journal.PendingAppends,
        stats.CommitLatency.Percentile(0.5)?.TotalMilliseconds,
        stats.CommitLatency.Percentile(0.99)?.TotalMilliseconds,
        live.Count,
        registry.Count,
        new SecurityStatsResponse(
            security.ConnectionsAccepted,
            security.ConnectionsRefusedByReason(),
            security.PublishesRefused,
            security.SubscriptionsRefused,
            security.MessagesThrottled,
            security.MessagesLimited,
            security.HttpUnauthorized));

    private static async Task<IResult> RegisterDeviceAsync(string id, DeviceRegistration? registration, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (!DeviceIds.IsValid(id))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["A device id is 1-64 characters of A-Z a-z 0-9 _ . -"] });
        }

        if (registration?.Name is { } name && TextRules.Problem(name, TextRules.MaxNameLength) is { } problem)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name " + problem + "."] });
        }

        var added = await registry.RegisterAsync(id, registration?.Name, cancellationToken);
        return added ? Results.Created($"/api/devices/{id}", new { id }) : Results.Ok(new { id });
    }
}
