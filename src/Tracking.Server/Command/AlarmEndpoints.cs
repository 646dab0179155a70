using Tracking.Core.Validation;
using Tracking.Storage.Command;
using Tracking.Server.Security;

namespace Tracking.Server.Command;

/// <summary>Emergency alarms: the open ones, the stored ones, and clearing one.</summary>
internal static class AlarmEndpoints
{
    public static void MapAlarmApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alarms");
        api.MapGet("", async (bool? open, ControlRoom room, AlarmStore store, CancellationToken token) =>
            open ?? true ? Results.Ok(await room.OpenAlarmsAsync()) : Results.Ok(await store.ListAsync(openOnly: false, token))).RequireAuthorization(Policies.LiveOperations);
        api.MapPost("/{id:guid}/clear", ClearAsync).RequireAuthorization(Policies.Dispatch);
    }

    private static async Task<IResult> ClearAsync(Guid id, ClearAlarmRequest? body, ControlRoom room, CancellationToken token)
    {
        if (string.IsNullOrWhiteSpace(body?.By) || TextRules.Problem(body.By, TextRules.MaxNameLength) is not null)
        {
            return CommandError.BadRequest($"by: required (who clears it), at most {TextRules.MaxNameLength} characters of valid Unicode without control characters");
        }

        if (body.Note is not null && TextRules.Problem(body.Note, TextRules.MaxNoteLength, lineBreaks: true) is { } problem)
        {
            return CommandError.BadRequest("note: " + problem);
        }

        var result = await room.ClearAlarmAsync(id, body.By, body.Note, token);
        return result.Error is { } error ? error.ToHttp() : Results.Ok(result.Value);
    }
}

/// <summary>Body of <c>POST /api/alarms/{id}/clear</c>.</summary>
internal sealed record ClearAlarmRequest(string? By, string? Note);
