using Npgsql;
using Tracking.Storage.Fixes;

namespace Tracking.Server.Storage;

/// <summary>Creates the day partitions of <c>fixes</c> ahead of time, every hour, so the writer rarely has to.</summary>
internal sealed partial class PartitionMaintenance(NpgsqlDataSource dataSource, TimeProvider time, ILogger<PartitionMaintenance> logger) : BackgroundService
{
    public const int DaysAhead = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
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
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Warning, Message = "Could not create the coming days' fix partitions; the writer creates them on demand")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
