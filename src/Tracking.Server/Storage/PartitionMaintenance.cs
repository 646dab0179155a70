using Microsoft.Extensions.Options;
using Npgsql;
using Tracking.Storage.Fixes;

namespace Tracking.Server.Storage;

/// <summary>
/// Creates the day partitions of <c>fixes</c> ahead of time, every hour, so the writer rarely has to; and
/// applies retention at start and every hour: whole days of fixes older than <see cref="RetentionOptions.Fixes"/>
/// are dropped (visits, incidents and report figures are kept).
/// </summary>
internal sealed partial class PartitionMaintenance(
    NpgsqlDataSource dataSource, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<PartitionMaintenance> logger) : BackgroundService
{
    public const int DaysAhead = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        await ApplyRetentionAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            try
            {
                await FixPartitions.EnsureRangeAsync(dataSource, today, today.AddDays(DaysAhead), stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
            {
                LogFailed(logger, exception);
            }

            await ApplyRetentionAsync(stoppingToken);
        }
    }

    private async Task ApplyRetentionAsync(CancellationToken stoppingToken)
    {
        // The first day kept is the one that still holds fixes younger than the period.
        var firstKept = DateOnly.FromDateTime((time.GetUtcNow() - retention.Value.Fixes).UtcDateTime);
        try
        {
            var dropped = await FixPartitions.DropBeforeAsync(dataSource, firstKept, stoppingToken);
            if (dropped.Count > 0)
            {
                LogDropped(logger, dropped.Count, dropped[0], dropped[^1]);
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException)
        {
            LogRetentionFailed(logger, exception);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Retention: dropped {Count} days of fixes ({First} to {Last})")]
    private static partial void LogDropped(ILogger logger, int count, DateOnly first, DateOnly last);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Could not apply retention to the fixes; trying again in an hour")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Could not create the coming days' fix partitions; the writer creates them on demand")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
