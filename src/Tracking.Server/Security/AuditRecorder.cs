using Npgsql;
using Tracking.Storage.Security;

namespace Tracking.Server.Security;

/// <summary>Appends audit rows for requests: who (the signed-in user), what, whom, why, which request, from where.</summary>
internal sealed partial class AuditRecorder(AuditLog log, ILogger<AuditRecorder> logger)
{
    /// <summary>Appends the row; false (and logged) when it could not be stored, in which case nothing must be shown.</summary>
    public async Task<bool> TryRecordAsync(HttpContext context, string action, string? subject, string? purpose, string? userName = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entry = new AuditEntry(
            userName ?? TrackingPrincipal.NameOf(context.User),
            action,
            subject,
            purpose,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.HasValue ? context.Request.QueryString.Value : null,
            context.Connection.RemoteIpAddress?.ToString());
        try
        {
            await log.AppendAsync(entry, context.RequestAborted);
            return true;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException && !context.RequestAborted.IsCancellationRequested)
        {
            LogAuditFailed(logger, exception, action, entry.UserName, subject);
            return false;
        }
    }

    [LoggerMessage(EventId = 2500, Level = LogLevel.Error, Message = "The audit log refused {Action} by {User} of {Subject}: the request is answered 503")]
    private static partial void LogAuditFailed(ILogger logger, Exception exception, string action, string user, string? subject);
}
