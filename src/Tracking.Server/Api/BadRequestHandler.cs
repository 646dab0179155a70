using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Tracking.Server.Api;

/// <summary>
/// A request whose parameters or body cannot be read (malformed JSON, a value of the wrong type, text that is not
/// valid Unicode) is the caller's mistake: it gets 400 with what was wrong and where (<c>$.reason</c>), in production
/// and in development alike, and is not logged as a server error.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = badRequest.StatusCode, Title = "The request could not be read", Detail = Describe(badRequest) },
        });
    }

    private static string Describe(BadHttpRequestException exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is JsonException { Path: { } path } json)
            {
                var cause = json.InnerException?.Message ?? "a value of the wrong type or malformed JSON";
                return $"{exception.Message} At {path}: {cause}";
            }
        }

        return exception.Message;
    }

    /// <summary>Registers the handler and makes minimal APIs throw on unreadable requests in every environment, so it answers them.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }
}
