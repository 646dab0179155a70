namespace Tracking.Server.Security;

/// <summary><see cref="AuditedView"/> on an endpoint.</summary>
internal static class AuditedViewExtensions
{
    /// <summary>
    /// Requires a stated purpose and records each call as <paramref name="action"/> of the subject
    /// <paramref name="subject"/> picks from the request (null: a report over everyone).
    /// </summary>
    public static RouteHandlerBuilder RequireAuditedPurpose(this RouteHandlerBuilder builder, string action, Func<HttpContext, string?> subject)
    {
        var view = new AuditedView(action, subject);
        return builder.AddEndpointFilter(view).WithMetadata(view);
    }
}
