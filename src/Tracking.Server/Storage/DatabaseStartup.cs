using Npgsql;
using Tracking.Server.Devices;
using Tracking.Server.Ingestion;
using Tracking.Server.Live;
using Tracking.Storage.Fixes;
using Tracking.Storage.Migrations;

namespace Tracking.Server.Storage;

/// <summary>
/// Runs first among the hosted services: waits for PostgreSQL, applies migrations, loads the registered devices
/// with their secrets and the service accounts, and the last known positions, so that by the time the broker accepts
/// connections the server knows who may report.
/// </summary>
internal sealed partial class DatabaseStartup(
    NpgsqlDataSource dataSource,
    DeviceRegistry registry,
    CredentialDirectory credentials,
    FixQueries queries,
    LiveState live,
    TimeProvider time,
    ILogger<DatabaseStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        while (true)
        {
            try
            {
                var applied = await MigrationRunner.MigrateAsync(dataSource, cancellationToken);
                foreach (var version in applied)
                {
                    LogMigrationApplied(logger, version);
                }

                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                await FixPartitions.EnsureRangeAsync(dataSource, today.AddDays(-8), today.AddDays(PartitionMaintenance.DaysAhead), cancellationToken);
                await registry.LoadAsync(cancellationToken);
                await credentials.LoadAsync(cancellationToken);
                live.OfferAll(await queries.LatestPerDeviceAsync(time.GetUtcNow().AddDays(-7), cancellationToken));
                LogReady(logger, registry.Count, live.Count);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt++ % 10 == 0)
                {
                    LogWaitingForDatabase(logger, exception, dataSource.ConnectionString);
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Applied database migration {Version}")]
    private static partial void LogMigrationApplied(ILogger logger, int version);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Waiting for PostgreSQL at {ConnectionString}")]
    private static partial void LogWaitingForDatabase(ILogger logger, Exception exception, string connectionString);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Database ready: {Devices} registered devices, {Positions} last known positions")]
    private static partial void LogReady(ILogger logger, int devices, int positions);
}
