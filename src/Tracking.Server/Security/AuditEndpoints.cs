using Tracking.Server.Command;
using Tracking.Server.Reports;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary><c>GET /api/audit</c> (Administration): the audit log, newest first, filtered and paged, as JSON or CSV.</summary>
internal static class AuditEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static void MapAuditApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/audit", QueryAsync)
            .WithName("QueryAudit")
            .WithSummary("Audit rows (who, when, action, subject, purpose, request, client address), newest first: ?from&to&user&subject&action&offset&limit&format=csv.")
            .RequireAuthorization(Policies.Administration);

    private static async Task<IResult> QueryAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? user, string? subject, string? action, int? offset, int? limit, string? format,
        AuditLog log, CancellationToken token)
    {
        if (offset is < 0 || limit is < 1 or > MaxLimit || format is not (null or "json" or "csv") || (from is not null && to is not null && from >= to))
        {
            return CommandError.BadRequest($"offset: 0 or more; limit: 1-{MaxLimit}; format: json or csv; from before to");
        }

        var query = new AuditQuery(from, to, user, subject, action, offset ?? 0, limit ?? DefaultLimit);
        // One more than asked tells whether there is a next page.
        var rows = await log.QueryAsync(query with { Limit = query.Limit + 1 }, token);
        var more = rows.Count > query.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (format == "csv")
        {
            return CsvReport.File("audit", ["id", "at", "user", "action", "subject", "purpose", "path", "query", "clientAddress"], rows,
                r => [r.Id, r.At, r.UserName, r.Action, r.Subject, r.Purpose, r.Path, r.Query, r.ClientAddress]);
        }

        return Results.Ok(new { offset = query.Offset, limit = query.Limit, next = more ? query.Offset + query.Limit : (int?)null, rows });
    }
}
