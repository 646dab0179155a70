using Microsoft.AspNetCore.SignalR;

namespace Tracking.Server.LiveMap;

/// <summary>
/// Logs what the live hub's calls end in. SignalR logs every exception of a hub method as an error, a refused view
/// (a <see cref="HubException"/>: the client's mistake, answered with its reason) included; this filter logs a refusal
/// at debug level and anything else at error level, and the module silences SignalR's own log of the same failure.
/// Stateless, thread-safe.
/// </summary>
internal sealed partial class LiveHubFilter(ILogger<LiveHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException exception)
        {
            LogRefused(logger, invocationContext.HubMethodName, invocationContext.Context.ConnectionId, exception.Message);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !invocationContext.Context.ConnectionAborted.IsCancellationRequested)
        {
            LogFailed(logger, exception, invocationContext.HubMethodName, invocationContext.Context.ConnectionId);
            throw;
        }
    }

    [LoggerMessage(EventId = 1806, Level = LogLevel.Debug, Message = "Live map {Method} of {Connection} refused: {Problem}")]
    private static partial void LogRefused(ILogger logger, string method, string connection, string problem);

    [LoggerMessage(EventId = 1807, Level = LogLevel.Error, Message = "Live map {Method} of {Connection} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string connection);
}
