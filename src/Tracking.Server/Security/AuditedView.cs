using Tracking.Core.Validation;

namespace Tracking.Server.Security;

/// <summary>
/// Endpoint metadata and filter: the endpoint shows someone's movements or per-person figures. The caller must state a
/// purpose (<c>?purpose=</c>, 1-<see cref="MaxPurposeLength"/> characters), and the view is written to the audit log
/// before the endpoint runs; when that fails the answer is 503 and nothing is shown.
/// </summary>
internal sealed class AuditedView(string action, Func<HttpContext, string?> subject) : IEndpointFilter
{
    public const int MaxPurposeLength = 500;

    public string Action { get; } = action;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var purpose = http.Request.Query["purpose"].FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(purpose) || !TextRules.IsAcceptable(purpose, MaxPurposeLength))
        {
            return Results.BadRequest(new
            {
                errors = new[] { $"purpose: say why you need this (1-{MaxPurposeLength} characters without control characters, e.g. ?purpose=incident 4711 review); it is recorded in the audit log" },
            });
        }

        var recorder = http.RequestServices.GetRequiredService<AuditRecorder>();
        if (!await recorder.TryRecordAsync(http, Action, subject(http), purpose))
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The audit log cannot be written, so nothing is shown. Try again later.");
        }

        return await next(context);
    }
}
