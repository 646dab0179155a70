using Microsoft.Extensions.Options;

namespace Tracking.Server.Patrol;

/// <summary>
/// Looks at the stored map every <see cref="PatrolOptions.MapRefreshInterval"/> so that changes
/// made by another server instance, and changes scheduled for a later time, reach live matching.
/// </summary>
internal sealed partial class MapRefresher(MapState maps, TimeProvider time, IOptions<PatrolOptions> options, ILogger<MapRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MapRefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await maps.ReloadAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException)
                {
                    LogRefreshFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1603, Level = LogLevel.Warning, Message = "Refreshing the map from the database failed; the map in use stays")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
