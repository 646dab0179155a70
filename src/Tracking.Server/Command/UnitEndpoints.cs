using Tracking.Core.Dispatch;
using Tracking.Storage.Command;
using Tracking.Server.Security;

namespace Tracking.Server.Command;

/// <summary>Units' live status: read, set, and its stored history.</summary>
internal static class UnitEndpoints
{
    public static void MapUnitStatusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/units");
        api.MapGet("/status", async (ControlRoom room) => Results.Ok(await room.UnitsAsync())).RequireAuthorization(Policies.LiveOperations);
        api.MapGet("/{id}/status", async (string id, ControlRoom room) =>
            await room.UnitAsync(id) is { } unit ? Results.Ok(unit) : Results.NotFound(new { error = $"no unit '{id}'" })).RequireAuthorization(Policies.LiveOperations);
        api.MapPut("/{id}/status", SetAsync).RequireAuthorization(Policies.Dispatch);
        api.MapGet("/{id}/status/history", HistoryAsync).RequireAuthorization(Policies.LiveOperations);
    }

    private static async Task<IResult> SetAsync(string id, StatusRequest? body, ControlRoom room, CancellationToken token)
    {
        if (body?.Status is not { } text || !TryParse(text, out var status))
        {
            return CommandError.BadRequest("status: required, one of available, unavailable, atScene");
        }

        var result = await room.SetStatusAsync(id, status, body.Reason, StatusCause.Dispatcher, token);
        return result.Error is { } error ? error.ToHttp() : Results.Ok(result.Value);
    }

    private static async Task<IResult> HistoryAsync(string id, DateTimeOffset? from, DateTimeOffset? to, UnitStatusStore store, TimeProvider time, CancellationToken token)
    {
        var until = to ?? time.GetUtcNow();
        var since = from ?? until - TimeSpan.FromDays(1);
        if (since >= until || until - since > TimeSpan.FromDays(92))
        {
            return CommandError.BadRequest("from/to: from must be before to, at most 92 days apart");
        }

        return Results.Ok(await store.HistoryAsync(id, since, until, token));
    }

    private static bool TryParse(string text, out UnitStatus status)
    {
        status = text switch
        {
            "available" => UnitStatus.Available,
            "unavailable" => UnitStatus.Unavailable,
            "atScene" => UnitStatus.AtScene,
            "assigned" => UnitStatus.Assigned,
            "offDuty" => UnitStatus.OffDuty,
            _ => (UnitStatus)(-1),
        };
        return status != (UnitStatus)(-1);
    }
}

/// <summary>Body of <c>PUT /api/units/{id}/status</c>.</summary>
internal sealed record StatusRequest(string? Status, string? Reason);
