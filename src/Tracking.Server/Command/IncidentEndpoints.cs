using Tracking.Core.Incidents;
using Tracking.Storage.Command;
using Tracking.Server.Security;

namespace Tracking.Server.Command;

/// <summary>Incidents from command and control, recommendations and assignments.</summary>
internal static class IncidentEndpoints
{
    public static void MapIncidentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents");
        api.MapPost("", (HttpRequest request, ControlRoom room, TimeProvider time, CancellationToken token) => UpsertAsync(request, null, room, time, token)).RequireAuthorization(Policies.Dispatch);
        api.MapPut("/{id}", (string id, HttpRequest request, ControlRoom room, TimeProvider time, CancellationToken token) => UpsertAsync(request, id, room, time, token)).RequireAuthorization(Policies.Dispatch);
        api.MapGet("", ListAsync).RequireAuthorization(Policies.LiveOperations);
        api.MapGet("/{id}", GetAsync).RequireAuthorization(Policies.LiveOperations);
        api.MapGet("/{id}/recommendations", RecommendAsync).RequireAuthorization(Policies.LiveOperations);
        api.MapPost("/{id}/assignments", AssignAsync).RequireAuthorization(Policies.Dispatch);
    }

    private static async Task<IResult> UpsertAsync(HttpRequest request, string? id, ControlRoom room, TimeProvider time, CancellationToken token)
    {
        var body = await RequestBodies.ReadAsync(request, IncidentJson.MaxBytes, token);
        var problems = new List<string>();
        var incident = body is null ? null : IncidentJson.Parse(body, time.GetUtcNow(), problems, id);
        if (body is null)
        {
            problems.Add($"message: larger than {IncidentJson.MaxBytes} bytes");
        }

        if (incident is null)
        {
            return Results.BadRequest(new { errors = problems });
        }

        var result = await room.UpsertIncidentAsync(incident, token);
        var view = await room.OpenIncidentViewAsync(incident.Id) ?? room.ViewOf(incident, []);
        return result == IncidentWriteResult.Created
            ? Results.Created($"/api/incidents/{incident.Id}", view)
            : Results.Ok(new { result = result.ToString().ToLowerInvariant(), incident = view });
    }

    private static async Task<IResult> ListAsync(string? status, DateTimeOffset? from, DateTimeOffset? to, ControlRoom room, IncidentStore store, CancellationToken token)
    {
        if (status is null or "open" && from is null && to is null)
        {
            return Results.Ok(await room.OpenIncidentsAsync());
        }

        IncidentStatus? wanted = status switch
        {
            null => null,
            "open" => IncidentStatus.Open,
            "closed" => IncidentStatus.Closed,
            _ => (IncidentStatus)(-1),
        };
        if (wanted == (IncidentStatus)(-1))
        {
            return CommandError.BadRequest("status: must be open or closed");
        }

        var incidents = await store.ListAsync(wanted, from, to, token);
        return Results.Ok(incidents.Select(i => room.ViewOf(i, [])));
    }

    private static async Task<IResult> GetAsync(string id, ControlRoom room, IncidentStore store, CancellationToken token)
    {
        if (await room.OpenIncidentViewAsync(id) is { } open)
        {
            return Results.Ok(open);
        }

        if (await store.GetAsync(id, token) is not { } incident)
        {
            return Results.NotFound(new { error = $"no incident '{id}'" });
        }

        return Results.Ok(room.ViewOf(incident, await store.ListAttendancesAsync(id, token)));
    }

    private static async Task<IResult> RecommendAsync(string id, int? count, bool? explain, ControlRoom room)
    {
        if (count is < 1 or > 100)
        {
            return CommandError.BadRequest("count: must be 1-100");
        }

        var result = await room.RecommendAsync(id, count ?? 5, explain ?? false);
        return result.Error is { } error ? error.ToHttp() : Results.Ok(result.Value);
    }

    private static async Task<IResult> AssignAsync(string id, AssignmentRequest? body, ControlRoom room, CancellationToken token)
    {
        if (body?.Unit is not { Length: > 0 } unit)
        {
            return CommandError.BadRequest("unit: required, e.g. {\"unit\":\"LR21\"}");
        }

        var result = await room.AssignAsync(id, unit, token);
        return result.Error is { } error ? error.ToHttp() : Results.Created($"/api/incidents/{id}", result.Value);
    }
}

/// <summary>Body of <c>POST /api/incidents/{id}/assignments</c>.</summary>
internal sealed record AssignmentRequest(string? Unit);
